package io.gridflex.gateway.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import io.gridflex.openadr.pki.Fingerprint;

/**
 * A certificate and key read from their files, and read again when the files change (see {@link WatchedFiles}): a
 * renewed pair is checked like the first one (key matches certificate, certificate valid now) and presented from the
 * next handshake; one that fails is logged and the pair in use is kept.
 * <p>
 * Each pair read is a numbered generation. Key managers name their alias after it, so a handshake that picked the
 * chain of one generation gets the key of the same one even when a renewal lands between the two calls.
 */
final class RotatingIdentity {

    private static final WatchedFiles.Words WORDS = new WatchedFiles.Words("certificate files",
            "the certificate in use stays", "renewed certificate");

    private final WatchedFiles<ClientIdentity> files;

    private RotatingIdentity(WatchedFiles<ClientIdentity> files) {
        this.files = files;
    }

    /**
     * Reads the pair now: a file that is missing or wrong fails here, at startup, naming the configuration key.
     *
     * @throws TlsSetupException naming the key (and file) at fault
     */
    static RotatingIdentity load(String certificateKey, Path certificate, String keyKey, Path key,
            Duration checkEvery) {
        return load(certificateKey, certificate, keyKey, key, checkEvery, System::nanoTime);
    }

    static RotatingIdentity load(String certificateKey, Path certificate, String keyKey, Path key,
            Duration checkEvery, LongSupplier nanoTime) {
        return new RotatingIdentity(WatchedFiles.load(certificateKey,
                List.of(Map.entry(certificate, certificateKey), Map.entry(key, keyKey)),
                () -> ClientIdentity.load(certificateKey, certificate, keyKey, key), RotatingIdentity::describe,
                WORDS, checkEvery, nanoTime));
    }

    /** Runs after a renewed pair is taken, e.g. to drop TLS sessions made with the old one. */
    void onRenewal(Runnable action) {
        files.onChange(action);
    }

    /** The pair in use, read again first when the files changed since the last look (at most every interval). */
    WatchedFiles.Generation<ClientIdentity> current() {
        return files.current();
    }

    /** The pair of generation {@code number}: the current one or the one it replaced. */
    Optional<ClientIdentity> generation(long number) {
        return files.generation(number);
    }

    static String describe(ClientIdentity identity) {
        return identity.leaf().getSubjectX500Principal() + ", SHA-256 " + Fingerprint.sha256(identity.leaf())
                + ", valid until " + identity.leaf().getNotAfter().toInstant();
    }
}
