package io.gridflex.openadr.signature;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * SHA-256 fingerprints of certificates (over the DER encoding) in the two forms found in the OpenADR world: the full
 * 32 bytes, and OpenLEADR's short form, the last 10 bytes. Both are written as upper-case hex pairs separated by
 * colons ({@code 09:71:9E:...}), which is how operators exchange them.
 */
public final class CertificateFingerprints {

    /** Bytes in OpenLEADR's short fingerprint: the tail of the SHA-256. */
    static final int SHORT_LENGTH = 10;
    static final int FULL_LENGTH = 32;

    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private CertificateFingerprints() {
    }

    /** All 32 bytes of the SHA-256, e.g. {@code 49:FF:83:...:56:C9}. */
    public static String full(X509Certificate certificate) {
        return COLON_HEX.formatHex(sha256(der(certificate)));
    }

    /** OpenLEADR's form: the last 10 bytes of the SHA-256, e.g. {@code 09:71:9E:0E:51:C0:8F:05:56:C9}. */
    public static String openLeadr(X509Certificate certificate) {
        byte[] full = sha256(der(certificate));
        return COLON_HEX.formatHex(Arrays.copyOfRange(full, FULL_LENGTH - SHORT_LENGTH, FULL_LENGTH));
    }

    /**
     * A configured fingerprint as bytes: either form, colons, spaces or none between the pairs, any letter case.
     *
     * @throws IllegalArgumentException for anything that is not 10 or 32 hex bytes
     */
    static byte[] parse(String fingerprint) {
        String hex = fingerprint.replaceAll("[\\s:]", "");
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a hex fingerprint: " + fingerprint, e);
        }
        if (bytes.length != SHORT_LENGTH && bytes.length != FULL_LENGTH) {
            throw new IllegalArgumentException("A certificate fingerprint is the full SHA-256 (32 bytes) or "
                    + "OpenLEADR's last 10 bytes of it, not " + bytes.length + " bytes: " + fingerprint);
        }
        return bytes;
    }

    static String format(byte[] bytes) {
        return COLON_HEX.formatHex(bytes);
    }

    static byte[] sha256(byte[] der) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("Certificate cannot be encoded", e);
        }
    }
}
