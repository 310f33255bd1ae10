package io.gridflex.dispatch.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.gridflex.dispatch.DispatchConfig;
import io.gridflex.dispatch.DispatchMetrics;
import io.gridflex.dispatch.db.Transactions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The outbox relay: publishes commands the event consumer wrote, oldest first, and marks each published only after
 * Kafka acknowledged it. The lock on the rows is held while sending, so two dispatch instances never send the same
 * batch. If Kafka is down the rows stay unpublished and go out on a later round.
 * <p>
 * Delivery is at least once: a crash between Kafka's acknowledgement and the commit re-sends the same command with the
 * same id, which site agents recognise as a duplicate.
 */
@ApplicationScoped
public class CommandRelay {

    private static final Logger LOG = Logger.getLogger(CommandRelay.class);

    private final CommandRepository repository;
    private final CommandPublisher publisher;
    private final Transactions transactions;
    private final DispatchMetrics metrics;
    private final DispatchConfig.Relay config;
    private final Clock clock;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private ScheduledExecutorService executor;
    private volatile boolean failing;

    public CommandRelay(CommandRepository repository, CommandPublisher publisher, Transactions transactions,
            DispatchMetrics metrics, DispatchConfig config, Clock clock) {
        this.repository = repository;
        this.publisher = publisher;
        this.transactions = transactions;
        this.metrics = metrics;
        this.config = config.relay();
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup) {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-relay").factory());
        executor.scheduleWithFixedDelay(this::relayQuietly, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            if (!executor.awaitTermination(config.publishTimeout().toSeconds() + 5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        }
    }

    /** Asks for a round now rather than at the next tick; calls while one is queued are folded into it. */
    public void wake() {
        if (executor != null && wakeQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                wakeQueued.set(false);
                relayQuietly();
            });
        }
    }

    private void relayQuietly() {
        RuntimeException failure = null;
        try {
            relayAll();
        } catch (RuntimeException e) {
            failure = e;
        }
        // The backlog gauges are current before the failure is counted, so whoever sees the count sees them too.
        refreshBacklog();
        if (failure == null) {
            if (failing) {
                LOG.info("outbox relay publishing again");
                failing = false;
            }
            return;
        }
        metrics.relayFailed();
        // Logged once per outage: the relay retries every interval and would otherwise flood the log.
        if (!failing) {
            LOG.warnf(failure, "outbox relay cannot publish; commands stay in the outbox: %s", failure.getMessage());
            failing = true;
        }
    }

    /** Publishes batches until the outbox is empty. */
    int relayAll() {
        int published = 0;
        while (true) {
            Round round = transactions.inTransaction(connection -> {
                List<PendingCommand> pending = repository.lockUnpublished(connection, config.batchSize());
                if (pending.isEmpty()) {
                    return new Round(0, 0, null);
                }
                CommandPublisher.Result result = publisher.publish(pending, config.publishTimeout());
                Instant now = clock.instant();
                repository.markPublished(connection,
                        result.acknowledged().stream().map(PendingCommand::commandId).toList(), now);
                result.acknowledged().forEach(c -> metrics.relayed(Duration.between(c.issuedAt(), now)));
                return new Round(pending.size(), result.acknowledged().size(), result.failure());
            });
            published += round.published();
            if (round.failure() != null) {
                throw new PublishFailedException(round.failure());
            }
            if (round.locked() < config.batchSize()) {
                return published;
            }
        }
    }

    private void refreshBacklog() {
        try {
            CommandRepository.Backlog backlog = transactions.read(repository::backlog);
            Duration lag = backlog.oldestIssuedAt().map(oldest -> Duration.between(oldest, clock.instant()))
                    .orElse(Duration.ZERO);
            metrics.relayBacklog(backlog.pending(), lag);
        } catch (RuntimeException e) {
            LOG.debugf(e, "cannot read the outbox backlog");
        }
    }

    private record Round(int locked, int published, Throwable failure) {
    }

    /** Kafka did not acknowledge a command; the acknowledged ones before it were still marked published. */
    static class PublishFailedException extends RuntimeException {

        PublishFailedException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
