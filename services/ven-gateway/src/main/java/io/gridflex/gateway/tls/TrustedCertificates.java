package io.gridflex.gateway.tls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.gridflex.openadr.pki.Fingerprint;

/**
 * A program's {@code tls.trusted-certificates}, watched like a certificate (see {@link WatchedFiles}): a VTN's CA is
 * rotated by adding the new CA to the bundle before the VTN switches to it, and retiring the old one after, with no
 * restart of the gateway. Used for the VTN's server certificate ({@link VtnTls}) and for its client certificate on
 * the push listener ({@link ClientTrust}).
 */
final class TrustedCertificates {

    private static final WatchedFiles.Words WORDS = new WatchedFiles.Words("trusted CA certificates",
            "the trusted certificates in use stay", "changed trusted CA certificates");

    private TrustedCertificates() {
    }

    /**
     * Reads {@code file} now (a missing or unreadable bundle fails here, at startup) and again whenever it changes.
     *
     * @param key the setting that names the file, e.g. {@code gridflex.gateway.programs.p1.tls.trusted-certificates}
     * @param make what the gateway makes of the certificates (a trust manager), with them
     */
    static <T> WatchedFiles<T> watch(String key, Path file, Function<List<X509Certificate>, T> make,
            Function<T, List<X509Certificate>> anchors, Duration checkEvery) {
        return WatchedFiles.load(key, List.of(Map.entry(file, key)), () -> make.apply(TlsFiles.certificates(key, file)),
                made -> describe(anchors.apply(made)), WORDS, checkEvery, System::nanoTime);
    }

    /** How a log line names the CAs: subject, fingerprint and validity of each. */
    static String describe(List<X509Certificate> anchors) {
        return anchors.size() + " certificate(s): " + anchors.stream().map(anchor -> anchor.getSubjectX500Principal()
                + " (SHA-256 " + Fingerprint.sha256(anchor) + ", valid until " + anchor.getNotAfter().toInstant()
                + ")").toList();
    }
}
