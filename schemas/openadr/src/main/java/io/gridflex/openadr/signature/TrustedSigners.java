package io.gridflex.openadr.signature;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.gridflex.openadr.pki.Fingerprint;
import io.gridflex.openadr.pki.PemFiles;

/**
 * The certificates whose signatures GridFlex accepts, pinned: a peer's certificate is trusted when it is one of the
 * configured certificates or matches one of the configured SHA-256 fingerprints. OpenADR deployments exchange the
 * peer's certificate or fingerprint out of band at registration (OpenLEADR works this way), so a CA path check would
 * add nothing but lets any other certificate of the same CA in.
 * <p>
 * Immutable and thread-safe.
 */
public final class TrustedSigners {

    /** Full SHA-256 fingerprints. */
    private final Set<Fingerprint> full;
    /** OpenLEADR short fingerprints (last 10 bytes of the SHA-256). */
    private final Set<Fingerprint> tails;

    private TrustedSigners(Set<Fingerprint> full, Set<Fingerprint> tails) {
        this.full = Set.copyOf(full);
        this.tails = Set.copyOf(tails);
        if (this.full.isEmpty() && this.tails.isEmpty()) {
            throw new IllegalArgumentException("At least one trusted certificate or fingerprint is required");
        }
    }

    /**
     * @param certificates trusted as they are
     * @param fingerprints full SHA-256 or OpenLEADR's short form, with or without colons (see
     *            {@link Fingerprint#parse})
     * @throws IllegalArgumentException for a fingerprint that is not one, or when nothing at all is trusted
     */
    public static TrustedSigners of(Collection<X509Certificate> certificates, Collection<String> fingerprints) {
        Set<Fingerprint> full = new HashSet<>();
        Set<Fingerprint> tails = new HashSet<>();
        for (X509Certificate certificate : certificates) {
            full.add(Fingerprint.sha256(certificate));
        }
        for (String text : fingerprints) {
            Fingerprint fingerprint = Fingerprint.parse(text);
            (fingerprint.isShort() ? tails : full).add(fingerprint);
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

    /** @param sha256 the full SHA-256 fingerprint of a certificate */
    boolean trusts(Fingerprint sha256) {
        return full.contains(sha256) || tails.contains(sha256.shortForm());
    }
}
