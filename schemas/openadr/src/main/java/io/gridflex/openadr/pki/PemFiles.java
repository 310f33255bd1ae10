package io.gridflex.openadr.pki;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files operators get from their certificate authority: certificates (a chain, leaf first, or a CA
 * bundle: several blocks in one file, whatever text stands between them, as comments or OpenSSL's "Bag Attributes")
 * and one unencrypted private key in any of the encodings OpenSSL writes ({@code PRIVATE KEY} = PKCS#8,
 * {@code RSA PRIVATE KEY} = PKCS#1, {@code EC PRIVATE KEY} = SEC 1). Plain JDK, no extra crypto provider: the two
 * legacy encodings are wrapped into PKCS#8 by hand, a few bytes of DER, which is all the JDK's key factories read.
 * <p>
 * Every failure is a {@link PemFileException} naming the file and what is wrong with it.
 */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
            Pattern.DOTALL);
    /** RFC 1421 header lines ({@code Proc-Type: ...}, {@code DEK-Info: ...}) before a block's base64. */
    private static final Pattern HEADER_LINE = Pattern.compile("(?m)^[A-Za-z-]+:.*$");
    /** Far above any certificate chain, CA bundle or key; a larger file is the wrong file. */
    private static final long MAX_BYTES = 1024 * 1024;
    /** Tried in turn on a PKCS#8 key: each key factory refuses the others' keys. */
    private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS");
    /** AlgorithmIdentifier { rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
    /** OID id-ecPublicKey. */
    private static final byte[] EC_PUBLIC_KEY_OID = HexFormat.of().parseHex("06072a8648ce3d0201");
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};
    private static final int SEQUENCE = 0x30;
    private static final int OCTET_STRING = 0x04;
    private static final int OBJECT_IDENTIFIER = 0x06;
    private static final int EC_PARAMETERS = 0xa0;

    private PemFiles() {
    }

    /**
     * Every {@code CERTIFICATE} block of the file, in file order (for a chain: the leaf first). A file without one (say,
     * the key file configured as the certificate) is refused, as is a block that is not a certificate.
     *
     * @throws PemFileException naming the file
     */
    public static List<X509Certificate> readCertificates(Path file) {
        List<Block> blocks = blocks(file);
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this JVM has no X.509 certificate factory", e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks) {
            if (!block.type().equals("CERTIFICATE")) {
                continue;
            }
            try {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException e) {
                throw new PemFileException(file, "certificate " + (certificates.size() + 1)
                        + " is not a valid X.509 certificate: " + e.getMessage(), e);
            }
        }
        if (certificates.isEmpty()) {
            throw new PemFileException(file, "holds no CERTIFICATE block (found " + types(blocks) + ")");
        }
        return List.copyOf(certificates);
    }

    /**
     * The file's one private key: EC or RSA as OpenADR uses, or EdDSA or RSASSA-PSS. Other blocks (certificates,
     * {@code EC PARAMETERS}) may share the file; two keys may not, and an encrypted key is refused with what to do
     * about it.
     *
     * @throws PemFileException naming the file
     */
    public static PrivateKey readPrivateKey(Path file) {
        List<Block> blocks = blocks(file);
        List<Block> keys = blocks.stream().filter(block -> block.type().endsWith("PRIVATE KEY")).toList();
        if (keys.isEmpty()) {
            throw new PemFileException(file, "holds no private key (found " + types(blocks) + ")");
        }
        if (keys.size() > 1) {
            throw new PemFileException(file, "holds " + keys.size() + " private keys; give exactly one");
        }
        Block block = keys.getFirst();
        if (block.encrypted() || block.type().equals("ENCRYPTED PRIVATE KEY")) {
            throw new PemFileException(file, "the private key is encrypted; store it unencrypted, readable by this"
                    + " service only or mounted from a secret store (openssl pkcs8 -topk8 -nocrypt)");
        }
        byte[] pkcs8 = switch (block.type()) {
            case "PRIVATE KEY" -> block.der();
            case "RSA PRIVATE KEY" -> sequence(VERSION_0, RSA_ALGORITHM, tlv(OCTET_STRING, block.der()));
            case "EC PRIVATE KEY" -> sequence(VERSION_0, sequence(EC_PUBLIC_KEY_OID, curveOf(file, block.der())),
                    tlv(OCTET_STRING, block.der()));
            default -> throw new PemFileException(file, "unsupported key type " + block.type()
                    + "; give PRIVATE KEY (PKCS#8), EC PRIVATE KEY or RSA PRIVATE KEY");
        };
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException | RuntimeException e) {
                // Not this algorithm: try the next one.
            }
        }
        throw new PemFileException(file,
                "the " + block.type() + " block is not a readable " + KEY_ALGORITHMS + " private key");
    }

    /** One decoded block; {@code encrypted} when it carries OpenSSL's legacy {@code Proc-Type: 4,ENCRYPTED} header. */
    private record Block(String type, byte[] der, boolean encrypted) {
    }

    /** The blocks of the file; refuses a missing, unreadable, oversized or block-less file. */
    private static List<Block> blocks(Path file) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new PemFileException(file, "is a directory, not a PEM file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new PemFileException(file, "larger than 1 MiB, not a PEM certificate or key");
            }
            // ISO-8859-1 decodes any byte: text around the blocks (comments, names) may be in any encoding.
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new PemFileException(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new PemFileException(file, "not readable by this process", e);
        } catch (IOException e) {
            throw new PemFileException(file, "cannot be read: " + e, e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String type = matcher.group(1);
            String body = matcher.group(2);
            boolean headers = body.contains("Proc-Type:");
            if (headers && body.contains("ENCRYPTED")) {
                blocks.add(new Block(type, new byte[0], true));
                continue;
            }
            try {
                String base64 = headers ? HEADER_LINE.matcher(body).replaceAll("") : body;
                blocks.add(new Block(type, Base64.getMimeDecoder().decode(base64.strip()), false));
            } catch (IllegalArgumentException e) {
                throw new PemFileException(file, "the " + type + " block is not valid base64", e);
            }
        }
        if (blocks.isEmpty()) {
            throw new PemFileException(file, "not a PEM file (no -----BEGIN ...----- block)");
        }
        return List.copyOf(blocks);
    }

    private static List<String> types(List<Block> blocks) {
        return blocks.stream().map(Block::type).distinct().toList();
    }

    /**
     * The curve OID of a SEC 1 {@code ECPrivateKey} (SEQUENCE { INTEGER 1, OCTET STRING key, [0] OID curve, [1] public
     * key }), which PKCS#8 carries outside the key. OpenSSL always writes the [0] parameters; some tools leave them out.
     */
    private static byte[] curveOf(Path file, byte[] sec1) {
        try {
            Der outer = Der.at(sec1, 0);
            if (outer.tag() != SEQUENCE) {
                throw new PemFileException(file, "the EC PRIVATE KEY block is not a SEC1 structure");
            }
            int position = outer.contentStart();
            while (position < outer.end()) {
                Der element = Der.at(sec1, position);
                if (element.tag() == EC_PARAMETERS) {
                    Der curve = Der.at(sec1, element.contentStart());
                    if (curve.tag() != OBJECT_IDENTIFIER) {
                        throw new PemFileException(file, "the EC PRIVATE KEY gives its curve as explicit parameters,"
                                + " not by name; name it (openssl ec -param_enc named_curve)");
                    }
                    return Arrays.copyOfRange(sec1, element.contentStart(), element.end());
                }
                position = element.end();
            }
        } catch (IndexOutOfBoundsException e) {
            throw new PemFileException(file, "the EC PRIVATE KEY block is truncated", e);
        }
        throw new PemFileException(file, "the EC PRIVATE KEY names no curve; convert it to PKCS#8 "
                + "(openssl pkcs8 -topk8 -nocrypt -in old.key -out new.key)");
    }

    /** One DER element: tag, and where its content starts and ends. Enough for the two key wrappers. */
    private record Der(int tag, int contentStart, int end) {

        /** @throws IndexOutOfBoundsException for a truncated or non-DER element */
        static Der at(byte[] der, int offset) {
            int tag = der[offset] & 0xff;
            int length = der[offset + 1] & 0xff;
            int start = offset + 2;
            if (length > 0x80) {
                int bytes = length & 0x7f;
                if (bytes > 3) {
                    throw new IndexOutOfBoundsException("DER length of " + bytes + " bytes");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[start + i] & 0xff);
                }
                start += bytes;
            } else if (length == 0x80) {
                throw new IndexOutOfBoundsException("indefinite length is not DER");
            }
            if (start + length > der.length) {
                throw new IndexOutOfBoundsException("element runs past the end");
            }
            return new Der(tag, start, start + length);
        }
    }

    private static byte[] sequence(byte[]... elements) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] element : elements) {
            content.writeBytes(element);
        }
        return tlv(SEQUENCE, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
