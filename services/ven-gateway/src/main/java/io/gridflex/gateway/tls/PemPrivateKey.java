package io.gridflex.gateway.tls;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A private key from a PEM file. PKCS#8 is read by the JDK directly; SEC1 ({@code EC PRIVATE KEY}) and PKCS#1
 * ({@code RSA PRIVATE KEY}) are wrapped into PKCS#8 by hand, a few bytes of DER, rather than pulling a crypto library
 * into the gateway for them.
 */
final class PemPrivateKey {

    private static final List<String> ALGORITHMS = List.of("EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS");
    /** AlgorithmIdentifier { rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
    /** OID id-ecPublicKey. */
    private static final byte[] EC_PUBLIC_KEY_OID = HexFormat.of().parseHex("06072a8648ce3d0201");
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};
    private static final int SEQUENCE = 0x30;
    private static final int OCTET_STRING = 0x04;
    private static final int EC_PARAMETERS = 0xa0;

    private PemPrivateKey() {
    }

    static PrivateKey read(String key, Path file) {
        PemFile pem = PemFile.read(key, file);
        List<PemFile.Block> keys = pem.blocks().stream().filter(block -> block.type().endsWith("PRIVATE KEY"))
                .toList();
        if (keys.isEmpty()) {
            throw pem.problem("holds no private key (found " + pem.blocks().stream().map(PemFile.Block::type)
                    .distinct().toList() + ")");
        }
        if (keys.size() > 1) {
            throw pem.problem("holds " + keys.size() + " private keys; give exactly one");
        }
        PemFile.Block block = keys.getFirst();
        if (block.encrypted() || block.type().equals("ENCRYPTED PRIVATE KEY")) {
            throw pem.problem("the private key is encrypted; mount it unencrypted (the secret store protects it)");
        }
        byte[] pkcs8 = switch (block.type()) {
            case "PRIVATE KEY" -> block.der();
            case "RSA PRIVATE KEY" -> sequence(VERSION_0, RSA_ALGORITHM, tlv(OCTET_STRING, block.der()));
            case "EC PRIVATE KEY" -> sequence(VERSION_0, sequence(EC_PUBLIC_KEY_OID, curveOf(pem, block.der())),
                    tlv(OCTET_STRING, block.der()));
            default -> throw pem.problem("unsupported key type " + block.type()
                    + "; give PRIVATE KEY (PKCS#8), EC PRIVATE KEY or RSA PRIVATE KEY");
        };
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException | RuntimeException e) {
                // Not this algorithm: each key factory refuses the others' keys.
            }
        }
        throw pem.problem("the " + block.type() + " block is not a readable " + ALGORITHMS + " private key");
    }

    /** The curve OID ({@code [0] parameters}) of a SEC1 ECPrivateKey, which PKCS#8 carries outside the key. */
    private static byte[] curveOf(PemFile pem, byte[] sec1) {
        try {
            Der outer = Der.at(sec1, 0);
            if (outer.tag() != SEQUENCE) {
                throw pem.problem("the EC PRIVATE KEY block is not a SEC1 structure");
            }
            int position = outer.contentStart();
            while (position < outer.end()) {
                Der element = Der.at(sec1, position);
                if (element.tag() == EC_PARAMETERS) {
                    return Arrays.copyOfRange(sec1, element.contentStart(), element.end());
                }
                position = element.end();
            }
        } catch (IndexOutOfBoundsException e) {
            throw pem.problem("the EC PRIVATE KEY block is truncated", e);
        }
        throw pem.problem("the EC PRIVATE KEY names no curve; convert it to PKCS#8 "
                + "(openssl pkcs8 -topk8 -nocrypt -in old.key -out new.key)");
    }

    /** One DER element: tag, and where its content starts and ends. */
    private record Der(int tag, int contentStart, int end) {

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
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
