package io.gridflex.openadr.signature;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * Reads the PEM files operators get from their certificate authority: certificates (a chain is several blocks in one
 * file) and an unencrypted private key in any of the three encodings OpenSSL writes ({@code PRIVATE KEY} = PKCS#8,
 * {@code RSA PRIVATE KEY} = PKCS#1, {@code EC PRIVATE KEY} = SEC 1). Plain JDK, no extra crypto provider: the two
 * legacy encodings are wrapped into PKCS#8, which is all the JDK's key factories read.
 */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
            Pattern.DOTALL);
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");

    private PemFiles() {
    }

    /** Every certificate in the file, in file order (for a chain: the signer's own first). */
    public static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file)) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory
                            .generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("Not a readable X.509 certificate in " + file + ": " + e.getMessage(),
                    e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("No CERTIFICATE block in " + file);
        }
        return List.copyOf(certificates);
    }

    /** The first private key in the file, RSA or EC; an encrypted key is refused with what to do about it. */
    public static PrivateKey readPrivateKey(Path file) {
        for (Block block : blocks(file)) {
            switch (block.type()) {
                case "PRIVATE KEY" :
                    return pkcs8(block.der(), file);
                case "RSA PRIVATE KEY" :
                    return pkcs8(sequence(integerZero(), RSA_ALGORITHM, octetString(block.der())), file);
                case "EC PRIVATE KEY" :
                    return pkcs8(sequence(integerZero(), sequence(EC_PUBLIC_KEY_OID, namedCurve(block.der(), file)),
                            octetString(block.der())), file);
                case "ENCRYPTED PRIVATE KEY" :
                    throw new IllegalArgumentException("The private key in " + file
                            + " is encrypted; store it unencrypted with restricted file permissions"
                            + " (openssl pkcs8 -topk8 -nocrypt)");
                default :
                    // EC PARAMETERS, certificates and other blocks that may share the file.
            }
        }
        throw new IllegalArgumentException("No PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block in " + file);
    }

    private static PrivateKey pkcs8(byte[] der, Path file) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // Try the next algorithm: PKCS#8 names it inside, and the JDK's factories refuse foreign ones.
            }
        }
        throw new IllegalArgumentException("The private key in " + file + " is neither RSA nor EC");
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(2).contains("Proc-Type:")) { // OpenSSL's legacy encryption, headers before the base64
                blocks.add(new Block("ENCRYPTED PRIVATE KEY", new byte[0]));
                continue;
            }
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Broken base64 in the " + m.group(1) + " block of " + file, e);
            }
        }
        return blocks;
    }

    /**
     * The curve of a SEC 1 {@code ECPrivateKey}: SEQUENCE { INTEGER 1, OCTET STRING key, [0] OID curve, [1] key }.
     * OpenSSL always writes the [0] parameters; without them the curve is unknown.
     */
    private static byte[] namedCurve(byte[] sec1, Path file) {
        Der outer = new Der(sec1, 0);
        int offset = outer.contentStart();
        while (offset < outer.end()) {
            Der field = new Der(sec1, offset);
            if (field.tag() == 0xA0) {
                Der oid = new Der(sec1, field.contentStart());
                if (oid.tag() == 0x06) {
                    return Arrays.copyOfRange(sec1, oid.start(), oid.end());
                }
            }
            offset = field.end();
        }
        throw new IllegalArgumentException("The EC private key in " + file + " does not name its curve");
    }

    /** One DER element: tag, where its content starts and where it ends. Enough for the two key wrappers. */
    private record Der(int start, int tag, int contentStart, int end) {

        Der(byte[] der, int start) {
            this(start, der[start] & 0xFF, contentStart(der, start), start + headerLength(der, start)
                    + contentLength(der, start));
        }

        private static int contentStart(byte[] der, int start) {
            return start + headerLength(der, start);
        }

        private static int headerLength(byte[] der, int start) {
            int first = der[start + 1] & 0xFF;
            return first < 0x80 ? 2 : 2 + (first & 0x7F);
        }

        private static int contentLength(byte[] der, int start) {
            int first = der[start + 1] & 0xFF;
            if (first < 0x80) {
                return first;
            }
            int length = 0;
            for (int i = 0; i < (first & 0x7F); i++) {
                length = (length << 8) | (der[start + 2 + i] & 0xFF);
            }
            return length;
        }
    }

    private static byte[] integerZero() {
        return new byte[]{0x02, 0x01, 0x00};
    }

    private static byte[] octetString(byte[] content) {
        return tagged(0x04, content);
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        return tagged(0x30, content.toByteArray());
    }

    private static byte[] tagged(int tag, byte[] content) {
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

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
