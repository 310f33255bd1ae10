package io.gridflex.gateway.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * TLS material read from mounted files, and read again when the files change: cert-manager renews certificates and
 * CA bundles ahead of time and Kubernetes swaps a mounted secret's files in place, so a long-running gateway must take
 * them without a restart. The files are looked at no more often than every {@code checkEvery} (their modification
 * times and sizes, following symbolic links; the look costs a {@code stat} per file, on the handshake that finds the
 * interval passed). Changed files are read and checked like the first ones; what fails is logged and the material in
 * use is kept, so a half-written secret never takes TLS down.
 * <p>
 * Each reading is a numbered generation, so users can tell which one a handshake started with.
 *
 * @param <T> what the files make, e.g. a certificate and key, or a trust manager
 */
public final class WatchedFiles<T> {

    private static final Logger LOG = Logger.getLogger(WatchedFiles.class);

    /** One reading, with the file stamps it was made at. */
    public record Generation<T>(long number, T value, String stamp) {
    }

    /**
     * How the log names the material: {@code files} ("certificate files"), {@code kept} ("the certificate in use
     * stays"), {@code taken} ("renewed certificate").
     */
    public record Words(String files, String kept, String taken) {
    }

    private final String settingKey;
    private final List<Map.Entry<Path, String>> files;
    private final Supplier<T> read;
    private final Function<T, String> describe;
    private final Words words;
    private final long checkEveryNanos;
    private final LongSupplier nanoTime;
    private volatile Generation<T> current;
    private volatile Generation<T> previous;
    private volatile Runnable onChange = () -> {
    };
    private long nextCheck;
    private String refusedStamp;
    private boolean unreadable;

    private WatchedFiles(String settingKey, List<Map.Entry<Path, String>> files, Supplier<T> read,
            Function<T, String> describe,
            Words words, Duration checkEvery, LongSupplier nanoTime) {
        this.settingKey = settingKey;
        this.files = files;
        this.read = read;
        this.describe = describe;
        this.words = words;
        this.checkEveryNanos = checkEvery.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Reads the files now: one that is missing or wrong fails here, at startup.
     *
     * @param settingKey the setting named first in log lines
     * @param files each file with the setting that names it (for read errors)
     * @param read reads and checks every file, throwing {@link TlsSetupException} naming the setting and file at fault
     * @param describe how the log names one reading (subject, fingerprint, validity)
     */
    public static <T> WatchedFiles<T> load(String settingKey, List<Map.Entry<Path, String>> files, Supplier<T> read,
            Function<T, String> describe, Words words, Duration checkEvery, LongSupplier nanoTime) {
        WatchedFiles<T> watched = new WatchedFiles<>(settingKey, files, read, describe, words, checkEvery, nanoTime);
        // Read first: its errors name the file and what is wrong with it.
        T first = read.get();
        watched.current = new Generation<>(1, first, watched.stamp());
        watched.nextCheck = nanoTime.getAsLong() + watched.checkEveryNanos;
        return watched;
    }

    /** Runs after changed files are taken, e.g. to drop TLS sessions made with the old material. */
    void onChange(Runnable action) {
        this.onChange = action;
    }

    /** The reading in use, made again first when the files changed since the last look (at most every interval). */
    public Generation<T> current() {
        if (nanoTime.getAsLong() - nextCheck >= 0) {
            check();
        }
        return current;
    }

    /** The reading of generation {@code number}: the current one or the one it replaced. */
    Optional<T> generation(long number) {
        Generation<T> now = current;
        if (now.number() == number) {
            return Optional.of(now.value());
        }
        Generation<T> before = previous;
        return before != null && before.number() == number ? Optional.of(before.value()) : Optional.empty();
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
                LOG.warnf("%s: the %s cannot be read, %s: %s", settingKey, words.files(), words.kept(),
                        e.getMessage());
            }
            unreadable = true;
            return;
        }
        if (stamp.equals(current.stamp()) || stamp.equals(refusedStamp)) {
            return;
        }
        T changed;
        try {
            changed = read.get();
        } catch (TlsSetupException e) {
            refusedStamp = stamp;
            LOG.warnf("%s: the changed %s are not used, %s (%s): %s", settingKey, words.files(), words.kept(),
                    describe.apply(current.value()), e.getMessage());
            return;
        }
        previous = current;
        current = new Generation<>(previous.number() + 1, changed, stamp);
        refusedStamp = null;
        LOG.infof("%s: %s in use from now on: %s (was %s)", settingKey, words.taken(), describe.apply(changed),
                describe.apply(previous.value()));
        onChange.run();
    }

    /** Modification times and sizes of the files, following symbolic links (Kubernetes secret volumes use them). */
    private String stamp() {
        StringBuilder stamp = new StringBuilder();
        for (Map.Entry<Path, String> file : files) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file.getKey(), BasicFileAttributes.class);
                stamp.append(attributes.lastModifiedTime().toMillis()).append('/').append(attributes.size())
                        .append(';');
            } catch (IOException e) {
                throw new TlsSetupException(file.getValue() + ": cannot read " + file.getKey() + ": " + e
                        .getMessage(), e);
            }
        }
        return stamp.toString();
    }
}
