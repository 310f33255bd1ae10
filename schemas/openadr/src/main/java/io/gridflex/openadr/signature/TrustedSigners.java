package io.gridflex.openadr.signature;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The certificates whose signatures GridFlex accepts, pinned: a peer's certificate is trusted when it is one of the
 * configured certificates or matches one of the configured SHA-256 fingerprints. OpenADR deployments exchange the
 * peer's certificate or fingerprint out of band at registration (OpenLEADR works this way), so a CA path check would
 * add nothing but lets any other certificate of the same CA in.
 * <p>
 * Immutable and thread-safe.
 */
public final class TrustedSigners {

    private static final HexFormat HEX = HexFormat.of();

    /** Full SHA-256 fingerprints as lower-case hex. */
    private final Set<String> full;
    /** OpenLEADR short fingerprints (last 10 bytes of the SHA-256) as lower-case hex. */
    private final Set<String> tails;

    private TrustedSigners(Set<String> full, Set<String> tails) {
        this.full = Set.copyOf(full);
        this.tails = Set.copyOf(tails);
        if (this.full.isEmpty() && this.tails.isEmpty()) {
            throw new IllegalArgumentException("At least one trusted certificate or fingerprint is required");
        }
    }

    /**
     * @param certificates trusted as they are
     * @param fingerprints full SHA-256 or OpenLEADR's short form, with or without colons (see
     *            {@link CertificateFingerprints})
     */
    public static TrustedSigners of(Collection<X509Certificate> certificates, Collection<String> fingerprints) {
        Set<String> full = new HashSet<>();
        Set<String> tails = new HashSet<>();
        for (X509Certificate certificate : certificates) {
            full.add(HEX.formatHex(CertificateFingerprints.sha256(CertificateFingerprints.der(certificate))));
        }
        for (String fingerprint : fingerprints) {
            byte[] bytes = CertificateFingerprints.parse(fingerprint);
            (bytes.length == CertificateFingerprints.FULL_LENGTH ? full : tails).add(HEX.formatHex(bytes));
        }
        return new TrustedSigners(full, tails);
    }

    public static TrustedSigners certificates(X509Certificate... certificates) {
        return of(List.of(certificates), List.of());
    }

    public static TrustedSigners fingerprints(String... fingerprints) {
        return of(List.of(), List.of(fingerprints));
    }

    /** Every certificate in the given PEM files. */
    public static TrustedSigners certificatesFromPem(Path... files) {
        return of(Arrays.stream(files).flatMap(f -> PemFiles.readCertificates(f).stream()).toList(), List.of());
    }

    /** @param sha256 the SHA-256 of the certificate's DER encoding */
    boolean trusts(byte[] sha256) {
        byte[] tail = Arrays.copyOfRange(sha256, sha256.length - CertificateFingerprints.SHORT_LENGTH, sha256.length);
        return full.contains(HEX.formatHex(sha256)) || tails.contains(HEX.formatHex(tail));
    }
}
