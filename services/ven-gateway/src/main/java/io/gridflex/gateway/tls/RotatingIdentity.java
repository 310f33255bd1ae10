package io.gridflex.gateway.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import io.gridflex.openadr.pki.Fingerprint;

/**
 * A certificate and key read from their files, and read again when the files change: cert-manager renews a
 * certificate weeks before it expires and Kubernetes swaps the mounted secret's files in place, so a long-running
 * gateway must present the renewed pair without a restart. The files are looked at no more often than every
 * {@code checkEvery} (their modification times and sizes; the look costs two {@code stat}s, on the handshake that finds
 * the interval passed). A renewed pair is checked like the first one (key matches certificate, certificate valid now);
 * one that fails is logged and the pair in use is kept, so a half-written secret never takes TLS down.
 * <p>
 * Each pair read is a numbered generation. Key managers name their alias after it, so a handshake that picked the
 * chain of one generation gets the key of the same one even when a renewal lands between the two calls.
 */
final class RotatingIdentity {

    private static final Logger LOG = Logger.getLogger(RotatingIdentity.class);

    /** One pair as read, with the file stamps it was read at. */
    record Generation(long number, ClientIdentity identity, String stamp) {
    }

    private final String certificateKey;
    private final Path certificate;
    private final String keyKey;
    private final Path key;
    private final long checkEveryNanos;
    private final LongSupplier nanoTime;
    private volatile Generation current;
    private volatile Generation previous;
    private volatile Runnable onRenewal = () -> {
    };
    private long nextCheck;
    private String refusedStamp;
    private boolean unreadable;

    private RotatingIdentity(String certificateKey, Path certificate, String keyKey, Path key, Duration checkEvery,
            LongSupplier nanoTime) {
        this.certificateKey = certificateKey;
        this.certificate = certificate;
        this.keyKey = keyKey;
        this.key = key;
        this.checkEveryNanos = checkEvery.toNanos();
        this.nanoTime = nanoTime;
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
        RotatingIdentity rotating = new RotatingIdentity(certificateKey, certificate, keyKey, key, checkEvery,
                nanoTime);
        // Read first: its errors name the file and what is wrong with it.
        ClientIdentity first = ClientIdentity.load(certificateKey, certificate, keyKey, key);
        rotating.current = new Generation(1, first, rotating.stamp());
        rotating.nextCheck = nanoTime.getAsLong() + rotating.checkEveryNanos;
        return rotating;
    }

    /** Runs after a renewed pair is taken, e.g. to drop TLS sessions made with the old one. */
    void onRenewal(Runnable action) {
        this.onRenewal = action;
    }

    /** The pair in use, read again first when the files changed since the last look (at most every interval). */
    Generation current() {
        if (nanoTime.getAsLong() - nextCheck >= 0) {
            check();
        }
        return current;
    }

    /** The pair of generation {@code number}: the current one or the one it replaced. */
    Optional<ClientIdentity> generation(long number) {
        Generation now = current;
        if (now.number() == number) {
            return Optional.of(now.identity());
        }
        Generation before = previous;
        return before != null && before.number() == number ? Optional.of(before.identity()) : Optional.empty();
    }

    private synchronized void check() {
        if (nanoTime.getAsLong() - nextCheck < 0) {
            return;
        }
        nextCheck = nanoTime.getAsLong() + checkEveryNanos;
        String stamp;
        try {
            stamp = stamp();
            unreadable = false;
        } catch (TlsSetupException e) {
            // Once per spell: a secret being swapped can be missing for a moment, a deleted one for good.
            if (!unreadable) {
                LOG.warnf("%s: the certificate files cannot be read, the certificate in use stays: %s",
                        certificateKey, e.getMessage());
            }
            unreadable = true;
            return;
        }
        if (stamp.equals(current.stamp()) || stamp.equals(refusedStamp)) {
            return;
        }
        ClientIdentity renewed;
        try {
            renewed = ClientIdentity.load(certificateKey, certificate, keyKey, key);
        } catch (TlsSetupException e) {
            refusedStamp = stamp;
            LOG.warnf("%s: the changed certificate files are not used, the certificate in use stays (%s): %s",
                    certificateKey, describe(current.identity()), e.getMessage());
            return;
        }
        previous = current;
        current = new Generation(previous.number() + 1, renewed, stamp);
        refusedStamp = null;
        LOG.infof("%s: renewed certificate in use from now on: %s (was %s)", certificateKey, describe(renewed),
                describe(previous.identity()));
        onRenewal.run();
    }

    /** Modification times and sizes of both files, following symbolic links (Kubernetes secret volumes use them). */
    private String stamp() {
        StringBuilder stamp = new StringBuilder();
        for (Path file : List.of(certificate, key)) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamp.append(attributes.lastModifiedTime().toMillis()).append('/').append(attributes.size())
                        .append(';');
            } catch (IOException e) {
                throw new TlsSetupException((file.equals(certificate) ? certificateKey : keyKey) + ": cannot read "
                        + file + ": " + e.getMessage(), e);
            }
        }
        return stamp.toString();
    }

    private static String describe(ClientIdentity identity) {
        return identity.leaf().getSubjectX500Principal() + ", SHA-256 " + Fingerprint.sha256(identity.leaf())
                + ", valid until " + identity.leaf().getNotAfter().toInstant();
    }
}
