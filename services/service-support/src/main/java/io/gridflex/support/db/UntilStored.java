package io.gridflex.support.db;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Runs a consumed record's database work until it is stored. While the database is away (see
 * {@link TransientDatabaseFailure}) the same work is retried with capped exponential backoff on the caller's thread,
 * so the record is not acknowledged, its offset is not committed and the channel takes nothing after it: once the
 * database is back the record is stored and consumption goes on, without a restart. Anything else (a record the
 * database refuses, a bug) is thrown at once, as before.
 * <p>
 * One warning when an outage starts for a channel, one info line when it ends; every retry is counted in
 * {@value #RETRIES} (tag {@code channel}). Readiness goes DOWN during the outage through the datasource health check
 * that every service with quarkus-smallrye-health and a datasource has.
 */
@Singleton
public class UntilStored {

    public static final String RETRIES = "gridflex.db.retries";

    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(UntilStored.class);

    private final Instance<MeterRegistry> registry;
    private final CountDownLatch shutdown = new CountDownLatch(1);

    /** The registry is looked up rather than injected, as the data source in {@link Transactions} is. */
    public UntilStored(Instance<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** Runs {@code work} until it returns without a transient database failure, or the application stops. */
    public <T> T run(String channel, Supplier<T> work) {
        Duration backoff = FIRST_BACKOFF;
        long retries = 0;
        long outageStarted = 0;
        while (true) {
            try {
                T result = work.get();
                if (retries > 0) {
                    LOG.infof("database back: channel=%s retries=%d waitedMs=%d", channel, retries,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStarted));
                }
                return result;
            } catch (RuntimeException e) {
                if (!TransientDatabaseFailure.isTransient(e)) {
                    throw e;
                }
                if (retries == 0) {
                    outageStarted = System.nanoTime();
                    LOG.warnf("database unreachable, holding the record and retrying until it is stored: "
                            + "channel=%s error=%s", channel, e.getMessage());
                }
                if (!waitOrStop(backoff)) {
                    LOG.infof("stopping while the database is unreachable; the record stays uncommitted: channel=%s",
                            channel);
                    throw e;
                }
                retries++;
                retried(channel);
                backoff = next(backoff);
            }
        }
    }

    /** The wait after {@code current}: doubled, never more than {@link #MAX_BACKOFF}. */
    static Duration next(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    void onShutdown(@Observes ShutdownEvent event) {
        shutdown.countDown();
    }

    @PreDestroy
    void close() {
        shutdown.countDown();
    }

    /** Waits {@code backoff}; false when the application stops meanwhile (or the thread is interrupted). */
    private boolean waitOrStop(Duration backoff) {
        try {
            return !shutdown.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void retried(String channel) {
        if (registry != null && registry.isResolvable()) {
            Counter.builder(RETRIES).description("Database work of a consumed record retried while the database "
                    + "was unreachable").tag("channel", channel).register(registry.get()).increment();
        }
    }
}
