package io.gridflex.support.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

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
 * <p>
 * A service whose rows should reach Kafka with the least delay hands them over instead of waking the relay
 * ({@link #handoff()}): once their transaction commits they are sent without a round reading them back, provided the
 * relay is caught up (its last round emptied the outbox and nothing failed since); otherwise a round from the table
 * sends them, in the table's order. Rows the relay had Kafka acknowledge are remembered for a while, so a round that
 * meets one again (it had not been marked yet) marks it without sending it twice.
 */
public final class OutboxRelay<R extends OutboxRow> {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** How many acknowledged rows the relay remembers: a few rounds' worth at the largest batches services send. */
    private static final int SENT_REMEMBERED = 10_000;

    private final String rows;
    private final Outbox<R> outbox;
    private final BatchPublisher publisher;
    private final Transactions transactions;
    private final RelayMeters meters;
    private final RelayConfig config;
    private final Clock clock;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final HandoffQueue<R> handoffs = new HandoffQueue<>();
    private volatile ScheduledExecutorService executor;
    private volatile boolean failing;
    // Only the relay's thread reads and writes these two.
    private final SentIds sent = new SentIds(SENT_REMEMBERED);
    private boolean caughtUp;

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
        executor.scheduleWithFixedDelay(() -> relayQuietly(true, this::relayAll), 0, config.interval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            if (!executor.awaitTermination(config.publishTimeout().toSeconds() + 5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        }
        handoffs.clear().forEach(Handoff::done);
        publisher.close();
    }

    /** Asks for a round now rather than at the next tick; calls while one is queued are folded into it. */
    public void wake() {
        runOnce(wakeQueued, () -> relayQuietly(false, this::relayAll));
    }

    /** Opens a handoff for the rows of one transaction, before the transaction starts (see {@link Handoff}). */
    public Handoff<R> handoff() {
        return new Handoff<>(this);
    }

    /** Takes a handoff into the relay's order, from its first row on; false when the relay does not run. */
    boolean queue(Handoff<R> handoff) {
        if (!running()) {
            return false;
        }
        handoffs.add(handoff);
        return true;
    }

    /** A queued handoff was committed or abandoned: send what is ready. */
    void settled(boolean abandoned) {
        handoffs.settled(abandoned);
        runOnce(drainQueued, () -> relayQuietly(false, this::drainHandoffs));
    }

    private boolean running() {
        ScheduledExecutorService running = executor;
        return running != null && !running.isShutdown();
    }

    private void runOnce(AtomicBoolean queued, Runnable work) {
        if (running() && queued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    queued.set(false);
                    work.run();
                });
            } catch (RejectedExecutionException e) {
                // Stopping: the rows wait in the table for the next start.
                queued.set(false);
            }
        }
    }

    /**
     * @param tick whether the round is the periodic one: the backlog gauges are read then and after a failed round,
     *        not after each round a commit woke (a query on the relay's one thread that the next woken round, often
     *        right behind, would wait for), so they are at most an interval old
     */
    private void relayQuietly(boolean tick, Runnable round) {
        RuntimeException failure = null;
        try {
            round.run();
        } catch (RuntimeException e) {
            caughtUp = false;
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
        caughtUp = false;
        while (true) {
            Round round = transactions.inTransaction(connection -> {
                List<R> pending = outbox.lockUnpublished(connection, config.batchSize());
                if (pending.isEmpty()) {
                    return new Round(0, null);
                }
                Map<Boolean, List<R>> alreadySent = pending.stream()
                        .collect(Collectors.partitioningBy(row -> sent.contains(row.id())));
                List<R> unsent = alreadySent.get(false);
                BatchPublisher.Result<R> result = unsent.isEmpty()
                        ? new BatchPublisher.Result<>(List.of(), null)
                        : publisher.publish(unsent, config.publishTimeout());
                Instant now = clock.instant();
                acknowledged(result.acknowledged(), now);
                outbox.markPublished(connection, concat(alreadySent.get(true), result.acknowledged()), now);
                return new Round(pending.size(), result.failure());
            });
            if (round.failure() != null) {
                throw new PublishFailedException(round.failure());
            }
            if (round.locked() < config.batchSize()) {
                caughtUp = true;
                return;
            }
        }
    }

    /**
     * Sends the rows of the committed handoffs at the head of the queue, up to the first still open. When the relay is
     * not caught up (or a handoff was abandoned, whose rows may have committed after all) a round from the table sends
     * them instead, in the table's order.
     */
    private void drainHandoffs() {
        HandoffQueue.Settled<R> settled = handoffs.takeSettled();
        try {
            if (settled.anyAbandoned() || !caughtUp) {
                relayAll();
            } else {
                publishHanded(settled.committedRows());
            }
        } finally {
            settled.done();
        }
    }

    private void publishHanded(List<R> rows) {
        List<R> unsent = rows.stream().filter(row -> !sent.contains(row.id())).toList();
        if (unsent.isEmpty()) {
            return;
        }
        caughtUp = false;
        BatchPublisher.Result<R> result = publisher.publish(unsent, config.publishTimeout());
        Instant now = clock.instant();
        acknowledged(result.acknowledged(), now);
        if (!result.acknowledged().isEmpty()) {
            transactions.inTransaction(connection -> {
                outbox.markPublished(connection, result.acknowledged(), now);
                return null;
            });
        }
        if (result.failure() != null) {
            throw new PublishFailedException(result.failure());
        }
        caughtUp = true;
    }

    private void acknowledged(List<R> rows, Instant now) {
        for (R row : rows) {
            sent.add(row.id());
            meters.relayed(Duration.between(row.queuedAt(), now));
        }
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        if (first.isEmpty()) {
            return second;
        }
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
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
