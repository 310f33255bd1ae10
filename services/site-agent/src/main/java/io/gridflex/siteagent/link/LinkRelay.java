package io.gridflex.siteagent.link;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.support.outbox.RecordSender;

/**
 * Sends the journal's records to Kafka in journal order, in batches, and moves the journal's cursor past each batch
 * once the broker has acknowledged it (the acknowledged prefix of it, when a record fails). While the broker is away
 * rounds fail and are retried after a backoff that doubles up to a maximum; the records wait in the journal, not in
 * the producer. A batch is sent again only once every send of it has completed, so records of one channel reach their
 * topic in order.
 * <p>
 * Delivery is at least once: a crash between the broker's acknowledgement and the cursor's write sends a record
 * again, unchanged, which consumers recognise as a duplicate.
 * <p>
 * Rounds run on a thread of their own, every second, whenever {@link #wake()} asks (an append does), and when a
 * backoff ends.
 */
public final class LinkRelay {

    private static final Logger LOG = Logger.getLogger(LinkRelay.class);
    private static final Duration TICK = Duration.ofSeconds(1);

    /**
     * @param batchSize records sent before waiting for the broker's acknowledgements
     * @param retryBackoff wait after the first failed round; doubled after each further one
     * @param maxRetryBackoff longest wait between rounds while the broker is away
     */
    public record Settings(int batchSize, Duration retryBackoff, Duration maxRetryBackoff) {

        public Settings {
            if (batchSize < 1 || !retryBackoff.isPositive() || maxRetryBackoff.compareTo(retryBackoff) < 0) {
                throw new IllegalArgumentException("link relay settings out of range: batch " + batchSize
                        + ", backoff " + retryBackoff + " up to " + maxRetryBackoff);
            }
        }
    }

    /**
     * How the relay fares.
     *
     * @param failing whether the latest round failed (the relay backs off and tries again)
     * @param lastFailure why the latest failed round failed, or null
     * @param lastSentAt when the broker last acknowledged a batch, or null
     */
    public record Status(boolean failing, String lastFailure, Instant lastFailureAt, Instant lastSentAt) {
    }

    private final LinkJournal journal;
    private final Map<LinkChannel, RecordSender> senders;
    private final Settings settings;
    private final AgentMetrics metrics;
    private final Clock clock;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;
    private volatile Status status = new Status(false, null, null, null);
    /** Records acknowledged now were held back by an outage, or by the previous run: they count as replayed. */
    private boolean catchingUp;
    private long replayedThisOutage;
    private Duration backoff;
    private long retryAtNanos;

    public LinkRelay(LinkJournal journal, Map<LinkChannel, RecordSender> senders, Settings settings,
            AgentMetrics metrics, Clock clock) {
        this.journal = journal;
        this.senders = Map.copyOf(senders);
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void start() {
        catchingUp = journal.backlog().records() > 0;
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("link-relay").daemon().factory());
        executor.scheduleWithFixedDelay(this::roundQuietly, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops sending; a batch in flight is given up (and sent again by the next run). */
    public void stop() throws InterruptedException {
        ScheduledExecutorService running = executor;
        if (running != null) {
            running.shutdownNow();
            if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("link relay did not stop within 10 s");
            }
        }
    }

    /** Asks for a round now rather than at the next tick; calls while one is queued are folded into it. */
    public void wake() {
        ScheduledExecutorService running = executor;
        if (running != null && !running.isShutdown() && wakeQueued.compareAndSet(false, true)) {
            try {
                running.execute(() -> {
                    wakeQueued.set(false);
                    roundQuietly();
                });
            } catch (RuntimeException e) {
                wakeQueued.set(false);
            }
        }
    }

    public Status status() {
        return status;
    }

    private void roundQuietly() {
        if (retryAtNanos != 0 && System.nanoTime() - retryAtNanos < 0) {
            return;
        }
        try {
            round();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Sends batches until the journal is empty or the broker stops acknowledging. */
    private void round() {
        journal.dropExpired();
        while (!Thread.currentThread().isInterrupted()) {
            List<JournalRecord> batch = journal.unsent(settings.batchSize());
            if (batch.isEmpty()) {
                if (catchingUp && replayedThisOutage > 0) {
                    LOG.infof("link relay caught up: %d records sent after waiting in the journal",
                            replayedThisOutage);
                }
                catchingUp = false;
                replayedThisOutage = 0;
                return;
            }
            Throwable failure = send(batch);
            if (failure != null) {
                if (!Thread.currentThread().isInterrupted()) {
                    failed(failure);
                }
                return;
            }
            if (status.failing()) {
                LOG.infof("link relay sending again; %d records wait in the journal", journal.backlog().records());
            }
            backoff = null;
            retryAtNanos = 0;
            status = new Status(false, null, status.lastFailureAt(), clock.instant());
        }
    }

    /**
     * Sends the batch and waits for every acknowledgement, then moves the cursor past the acknowledged prefix.
     *
     * @return why a record was not acknowledged, or null when all were
     */
    private Throwable send(List<JournalRecord> batch) {
        List<CompletableFuture<Void>> sends = new ArrayList<>(batch.size());
        for (JournalRecord record : batch) {
            try {
                CompletableFuture<Void> sent = senders.get(record.channel()).send(record.key(), record.value());
                sends.add(sent);
                if (sent.isCompletedExceptionally()) {
                    // Refused at once (a producer that already knows the broker is away): records after it must not
                    // overtake it should the broker come back while this loop still runs.
                    break;
                }
            } catch (RuntimeException e) {
                // Refused outright (no metadata within max.block.ms, a closed producer): the records after it would
                // only wait as long again, and are sent with it on the next round.
                sends.add(CompletableFuture.failedFuture(e));
                break;
            }
        }
        // Every send is waited for, even after one failed: sending the batch again while part of it may still be
        // in the producer could put a channel's records out of order. The producer completes each send within its
        // delivery.timeout.ms.
        Throwable failure = null;
        int acknowledged = 0;
        for (CompletableFuture<Void> sent : sends) {
            try {
                sent.get();
                if (failure == null) {
                    acknowledged++;
                }
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
                break;
            }
        }
        if (acknowledged > 0) {
            List<JournalRecord> done = batch.subList(0, acknowledged);
            // Counted before the cursor moves: whoever sees the journal's backlog gone sees them counted.
            for (JournalRecord record : done) {
                metrics.linkSent(record.channel().channel(), catchingUp);
            }
            if (catchingUp) {
                replayedThisOutage += acknowledged;
            }
            journal.acknowledged(done.getLast());
        }
        return failure;
    }

    private void failed(Throwable failure) {
        backoff = backoff == null ? settings.retryBackoff() : min(backoff.multipliedBy(2), settings.maxRetryBackoff());
        retryAtNanos = System.nanoTime() + backoff.toNanos();
        catchingUp = true;
        String why = failure.toString();
        if (!status.failing()) {
            // Logged once per outage: the relay retries every few seconds and would otherwise flood the log.
            LinkJournal.Backlog backlog = journal.backlog();
            LOG.warnf("link relay cannot send to Kafka (%s); %d records wait in the journal %s and are sent once the"
                    + " broker is back", why, backlog.records(), journal.directory());
        }
        status = new Status(true, why, clock.instant(), status.lastSentAt());
        ScheduledExecutorService running = executor;
        if (running != null && !running.isShutdown()) {
            try {
                running.schedule(this::roundQuietly, backoff.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                // Shutting down: the next run sends what is left.
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
