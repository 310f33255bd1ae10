package io.gridflex.gateway.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate fingerprint: the SHA-256 of its DER encoding, either whole (32 bytes) or in OpenLEADR's short form,
 * the last 10 bytes. OpenADR deployments exchange both, written {@code AA:BB:...} in upper case by OpenLEADR and
 * as plain hex by others, so {@link #parse} accepts either length, either case, with or without colons, and a short
 * fingerprint matches every certificate whose SHA-256 ends with it.
 *
 * @param bytes the 10 or 32 bytes (the record keeps its own copy)
 */
public record Fingerprint(byte[] bytes) {

    /** Bytes of OpenLEADR's short form. */
    public static final int SHORT_LENGTH = 10;
    /** Bytes of a SHA-256 digest. */
    public static final int FULL_LENGTH = 32;

    private static final HexFormat COLONS = HexFormat.ofDelimiter(":").withUpperCase();

    public Fingerprint {
        if (bytes.length != SHORT_LENGTH && bytes.length != FULL_LENGTH) {
            throw new IllegalArgumentException("a fingerprint is " + SHORT_LENGTH + " or " + FULL_LENGTH
                    + " bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /**
     * Reads a fingerprint as written by OpenLEADR ({@code E6:0C:FE:2F:56:53:64:EA:EC:35}), by {@code openssl x509
     * -fingerprint -sha256} or as plain hex, in any case.
     *
     * @throws IllegalArgumentException when it is not 10 or 32 bytes of hex
     */
    public static Fingerprint parse(String text) {
        String hex = text.strip().replace(":", "").toLowerCase(Locale.ROOT);
        if (hex.length() != 2 * SHORT_LENGTH && hex.length() != 2 * FULL_LENGTH) {
            throw new IllegalArgumentException("'" + text + "' is not a SHA-256 fingerprint: expected "
                    + SHORT_LENGTH + " bytes (OpenLEADR's short form) or " + FULL_LENGTH + " bytes of hex");
        }
        try {
            return new Fingerprint(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a SHA-256 fingerprint: not hexadecimal", e);
        }
    }

    /** The full SHA-256 fingerprint of a certificate. */
    public static Fingerprint sha256(X509Certificate certificate) {
        try {
            return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate " + certificate.getSubjectX500Principal()
                    + " cannot be encoded", e);
        }
    }

    /** OpenLEADR's short fingerprint of a certificate: the last 10 bytes of its SHA-256. */
    public static Fingerprint openLeadr(X509Certificate certificate) {
        return sha256(certificate).shortForm();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isShort() {
        return bytes.length == SHORT_LENGTH;
    }

    /** This fingerprint's last 10 bytes, the form OpenLEADR shows and compares. */
    public Fingerprint shortForm() {
        return isShort() ? this : new Fingerprint(Arrays.copyOfRange(bytes, FULL_LENGTH - SHORT_LENGTH, FULL_LENGTH));
    }

    /** Whether the certificate has this fingerprint; a short one compares the last 10 bytes of its SHA-256. */
    public boolean matches(X509Certificate certificate) {
        Fingerprint actual = sha256(certificate);
        return MessageDigest.isEqual(bytes, (isShort() ? actual.shortForm() : actual).bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Upper-case hex, colon-separated, as OpenLEADR prints it. */
    @Override
    public String toString() {
        return COLONS.formatHex(bytes);
    }
}
