package io.gridflex.gateway.outbox;

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

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.db.Transactions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes the DrEvents the event handler queued, oldest first, marking each published only once Kafka acknowledged
 * it. The rows stay locked while sending, so two gateway instances never send the same batch. While Kafka is down the
 * rows wait and go out on a later round: an outage delays events, it never loses one.
 * <p>
 * Delivery is at least once: a crash between the acknowledgement and the commit sends the row again, with the same
 * eventId and modificationNumber, which consumers recognise as a duplicate.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository repository;
    private final DrEventPublisher publisher;
    private final Transactions transactions;
    private final GatewayMetrics metrics;
    private final GatewayConfig.Relay config;
    private final Clock clock;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private ScheduledExecutorService executor;
    private volatile boolean failing;

    public OutboxRelay(OutboxRepository repository, DrEventPublisher publisher, Transactions transactions,
            GatewayMetrics metrics, GatewayConfig config, Clock clock) {
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

    /** Asks for a round now rather than at the next tick; calls while one is queued fold into it. */
    public void wake() {
        if (executor != null && !executor.isShutdown() && wakeQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                wakeQueued.set(false);
                relayQuietly();
            });
        }
    }

    private void relayQuietly() {
        try {
            relayAll();
            if (failing) {
                LOG.info("outbox relay publishing again");
                failing = false;
            }
        } catch (RuntimeException e) {
            // Logged once per outage: the relay retries every interval and would otherwise flood the log.
            if (!failing) {
                LOG.warnf(e, "outbox relay cannot publish; DR events stay in the outbox: %s", e.getMessage());
                failing = true;
            }
        } finally {
            refreshBacklog();
        }
    }

    /** Publishes batches until the outbox is empty or Kafka stops acknowledging. */
    int relayAll() {
        int published = 0;
        while (true) {
            Round round = transactions.inTransaction(connection -> {
                List<PendingPublication> pending = repository.lockUnpublished(connection, config.batchSize());
                if (pending.isEmpty()) {
                    return new Round(0, 0, null);
                }
                DrEventPublisher.Result result = publisher.publish(pending, config.publishTimeout());
                Instant now = clock.instant();
                repository.markPublished(connection,
                        result.acknowledged().stream().map(PendingPublication::id).toList(), now);
                result.acknowledged().forEach(row -> metrics.published(Duration.between(row.createdAt(), now)));
                return new Round(pending.size(), result.acknowledged().size(), result.failure());
            });
            published += round.published();
            if (round.failure() != null) {
                throw new IllegalStateException("Kafka did not acknowledge a DR event: " + round.failure(),
                        round.failure());
            }
            if (round.locked() < config.batchSize()) {
                return published;
            }
        }
    }

    private void refreshBacklog() {
        try {
            OutboxRepository.Backlog backlog = transactions.read(repository::backlog);
            Duration lag = backlog.oldestCreatedAt().map(oldest -> Duration.between(oldest, clock.instant()))
                    .orElse(Duration.ZERO);
            metrics.outboxBacklog(backlog.pending(), lag);
        } catch (RuntimeException e) {
            LOG.debugf(e, "cannot read the outbox backlog");
        }
    }

    private record Round(int locked, int published, Throwable failure) {
    }
}
