package io.gridflex.gateway.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.GatewayMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Writes the telemetry intervals read to the {@link UsageHistory}, on a virtual thread of its own, so the telemetry
 * consumer never waits on PostgreSQL: the intervals read since the last write go in one transaction every
 * write-interval. While PostgreSQL cannot be written they wait in memory in the order read (up to max-backlog; the
 * oldest go first beyond it) and are tried again, backing off to 30 s. Once an hour, buckets older than the retention
 * are deleted.
 * <p>
 * What a crash costs: the intervals read but not yet written (one write-interval, or the backlog of an outage) are
 * missing from the history unless Kafka delivers them again; the intervals of a report that miss them say so in
 * their data quality.
 */
@ApplicationScoped
public class HistoryRecorder {

    private static final Logger LOG = Logger.getLogger(HistoryRecorder.class);
    private static final int MAX_PER_WRITE = 5_000;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final UsageWriter history;
    private final GatewayMetrics metrics;
    private final GatewayConfig.Reports.History config;
    private final Clock clock;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final ArrayDeque<SiteInterval> backlog = new ArrayDeque<>();
    private volatile boolean stopped;
    private Thread thread;
    private Instant nextPrune;

    @Inject
    public HistoryRecorder(UsageHistory history, GatewayMetrics metrics, GatewayConfig config, Clock clock) {
        this((UsageWriter) history, metrics, config.reports().history(), clock);
    }

    HistoryRecorder(UsageWriter history, GatewayMetrics metrics, GatewayConfig.Reports.History config, Clock clock) {
        this.history = history;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup) {
        nextPrune = clock.instant();
        thread = Thread.ofVirtual().name("usage-history").start(this::run);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(10));
        }
        try {
            writeWaiting();
        } catch (RuntimeException e) {
            LOG.warnf("usage history: %d telemetry intervals not written at shutdown: %s", waiting(),
                    e.getMessage());
        }
    }

    /** Keeps an interval for the next write. */
    public void add(SiteInterval interval) {
        int dropped = 0;
        synchronized (lock) {
            while (backlog.size() >= config.maxBacklog()) {
                backlog.removeFirst();
                dropped++;
            }
            backlog.addLast(interval);
        }
        if (dropped > 0) {
            metrics.history("dropped", dropped);
        }
    }

    /** The intervals read and not yet written. */
    public int waiting() {
        synchronized (lock) {
            return backlog.size();
        }
    }

    private void run() {
        Duration pause = config.writeInterval();
        boolean failing = false;
        while (!stopped) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
            try {
                writeWaiting();
                pruneWhenDue();
                if (failing) {
                    LOG.infof("usage history: writing again");
                }
                failing = false;
                pause = config.writeInterval();
            } catch (RuntimeException e) {
                if (!failing) {
                    LOG.warnf("usage history: cannot write (%s); %d telemetry intervals wait in memory",
                            e.getMessage(), waiting());
                }
                failing = true;
                pause = pause.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause.multipliedBy(2);
            }
        }
    }

    /** Writes everything waiting, a transaction per {@value #MAX_PER_WRITE}; what fails goes back, in order. */
    void writeWaiting() {
        while (true) {
            List<SiteInterval> batch = new ArrayList<>();
            synchronized (lock) {
                while (batch.size() < MAX_PER_WRITE && !backlog.isEmpty()) {
                    batch.add(backlog.removeFirst());
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                history.write(batch);
            } catch (RuntimeException e) {
                synchronized (lock) {
                    for (int i = batch.size() - 1; i >= 0; i--) {
                        backlog.addFirst(batch.get(i));
                    }
                }
                throw e;
            }
            metrics.history("written", batch.size());
        }
    }

    private void pruneWhenDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextPrune)) {
            return;
        }
        int pruned = history.prune(now.minus(config.retention()));
        nextPrune = now.plus(PRUNE_EVERY);
        if (pruned > 0) {
            LOG.infof("usage history: %d buckets older than %s deleted", pruned, config.retention());
        }
    }
}
