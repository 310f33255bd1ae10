package io.gridflex.support.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.gridflex.support.db.Transactions;

/**
 * Publishes the rows a service wrote to its outbox, oldest first, and marks each published only after Kafka
 * acknowledged it. The rows stay locked while sending, so two instances of the service never send the same batch.
 * While Kafka is down the rows wait and go out on a later round: an outage delays them, it never loses one.
 * <p>
 * Delivery is at least once: a crash between Kafka's acknowledgement and the commit sends a row again, with the same
 * payload and so the same ids, which consumers recognise as a duplicate.
 * <p>
 * Rounds run on a thread of their own, every {@link RelayConfig#interval()} and whenever {@link #wake()} asks. A
 * service produces its relay as a bean, and {@link OutboxRelays} starts and stops it with the application.
 */
public final class OutboxRelay<R extends OutboxRow> {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final String rows;
    private final Outbox<R> outbox;
    private final BatchPublisher publisher;
    private final Transactions transactions;
    private final RelayMeters meters;
    private final RelayConfig config;
    private final Clock clock;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;
    private volatile boolean failing;

    /**
     * @param rows what the rows are, for the log ("commands", "DR events")
     */
    public OutboxRelay(String rows, Outbox<R> outbox, BatchPublisher publisher, Transactions transactions,
            RelayMeters meters, RelayConfig config, Clock clock) {
        this.rows = rows;
        this.outbox = outbox;
        this.publisher = publisher;
        this.transactions = transactions;
        this.meters = meters;
        this.config = config;
        this.clock = clock;
    }

    void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-relay").factory());
        executor.scheduleWithFixedDelay(() -> relayQuietly(true), 0, config.interval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            if (!executor.awaitTermination(config.publishTimeout().toSeconds() + 5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        }
        publisher.close();
    }

    /** Asks for a round now rather than at the next tick; calls while one is queued are folded into it. */
    public void wake() {
        if (executor != null && !executor.isShutdown() && wakeQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                wakeQueued.set(false);
                relayQuietly(false);
            });
        }
    }

    /**
     * @param tick whether the round is the periodic one: the backlog gauges are read then and after a failed round,
     *        not after each round a commit woke (a query on the relay's one thread that the next woken round, often
     *        right behind, would wait for), so they are at most an interval old
     */
    private void relayQuietly(boolean tick) {
        RuntimeException failure = null;
        try {
            relayAll();
        } catch (RuntimeException e) {
            failure = e;
        }
        // The backlog gauges are current before the failure is counted, so whoever sees the count sees them too.
        if (tick || failure != null) {
            refreshBacklog();
        }
        if (failure == null) {
            if (failing) {
                LOG.info("outbox relay publishing again");
                failing = false;
            }
            return;
        }
        meters.relayFailed();
        // Logged once per outage: the relay retries every interval and would otherwise flood the log.
        if (!failing) {
            LOG.warnf(failure, "outbox relay cannot publish; %s stay in the outbox: %s", rows, failure.getMessage());
            failing = true;
        }
    }

    /** Publishes batches until the outbox is empty or Kafka stops acknowledging. */
    private void relayAll() {
        while (true) {
            Round round = transactions.inTransaction(connection -> {
                List<R> pending = outbox.lockUnpublished(connection, config.batchSize());
                if (pending.isEmpty()) {
                    return new Round(0, null);
                }
                BatchPublisher.Result<R> result = publisher.publish(pending, config.publishTimeout());
                Instant now = clock.instant();
                outbox.markPublished(connection, result.acknowledged(), now);
                result.acknowledged().forEach(row -> meters.relayed(Duration.between(row.queuedAt(), now)));
                return new Round(pending.size(), result.failure());
            });
            if (round.failure() != null) {
                throw new PublishFailedException(round.failure());
            }
            if (round.locked() < config.batchSize()) {
                return;
            }
        }
    }

    private void refreshBacklog() {
        try {
            Outbox.Backlog backlog = transactions.read(outbox::backlog);
            Duration lag = backlog.oldestQueuedAt().map(oldest -> Duration.between(oldest, clock.instant()))
                    .orElse(Duration.ZERO);
            meters.relayBacklog(backlog.pending(), lag);
        } catch (RuntimeException e) {
            LOG.debugf(e, "cannot read the outbox backlog");
        }
    }

    private record Round(int locked, Throwable failure) {
    }

    /** Kafka did not acknowledge a row; the acknowledged ones before it were still marked published. */
    static final class PublishFailedException extends RuntimeException {

        PublishFailedException(Throwable cause) {
            // The cause's class too: a TimeoutException, say, has no message of its own.
            super(cause.toString(), cause);
        }
    }
}
