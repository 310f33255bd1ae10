package io.gridflex.openadr.pki;

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
 * {@code openssl x509 -fingerprint -sha256}, and as plain or space-separated hex by others, so {@link #parse} accepts
 * either length, either case, with colons, spaces or nothing between the pairs; a short fingerprint matches every
 * certificate whose SHA-256 ends with it. {@link #toString} writes OpenLEADR's notation.
 *
 * @param bytes the 10 or 32 bytes (the record keeps its own copy)
 */
public record Fingerprint(byte[] bytes) {

    /** Bytes of OpenLEADR's short form: the tail of the SHA-256. */
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
     * -fingerprint -sha256}, as plain hex or hex pairs separated by spaces, in any case.
     *
     * @throws IllegalArgumentException when it is not 10 or 32 bytes of hex, naming the text and what it is instead
     */
    public static Fingerprint parse(String text) {
        String hex = text.replaceAll("[\\s:]", "").toLowerCase(Locale.ROOT);
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a SHA-256 fingerprint: not hexadecimal", e);
        }
        if (bytes.length != SHORT_LENGTH && bytes.length != FULL_LENGTH) {
            throw new IllegalArgumentException("'" + text + "' is not a SHA-256 fingerprint: " + bytes.length
                    + " bytes, expected " + SHORT_LENGTH + " bytes (OpenLEADR's short form) or " + FULL_LENGTH
                    + " bytes (the full SHA-256) of hex");
        }
        return new Fingerprint(bytes);
    }

    /** The full SHA-256 fingerprint of a certificate. */
    public static Fingerprint sha256(X509Certificate certificate) {
        try {
            return sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate " + certificate.getSubjectX500Principal()
                    + " cannot be encoded", e);
        }
    }

    /** The full SHA-256 fingerprint of a DER-encoded certificate, e.g. one carried in a message. */
    public static Fingerprint sha256(byte[] certificateDer) {
        try {
            return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(certificateDer));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
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

    /** Upper-case hex, colon-separated, as OpenLEADR prints it, e.g. {@code 09:71:9E:0E:51:C0:8F:05:56:C9}. */
    @Override
    public String toString() {
        return COLONS.formatHex(bytes);
    }
}
