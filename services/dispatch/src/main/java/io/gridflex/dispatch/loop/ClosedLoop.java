package io.gridflex.dispatch.loop;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.gridflex.dispatch.DispatchConfig;
import io.gridflex.dispatch.DispatchMetrics;
import io.gridflex.dispatch.db.AllocationLock;
import io.gridflex.dispatch.event.Reallocation;
import io.gridflex.dispatch.event.StoredEvent;
import io.gridflex.dispatch.live.LiveState;
import io.gridflex.dispatch.live.LiveStateRepository;
import io.gridflex.dispatch.schedule.PieceRepository;
import io.gridflex.dispatch.schedule.Publication;
import io.quarkus.runtime.StartupEvent;

/**
 * The closed loop. Every {@code loop.interval}: moves events along by the clock, compares what each site with a
 * target reports holding off with its target, responds to sites falling short (their share moves to sites with
 * headroom), re-allocates events still short now and then, and tells ven-gateway whether each active event is being
 * met. Its state lives in the database, so a restarted dispatch resumes it at its first round.
 */
@ApplicationScoped
public class ClosedLoop {

    private static final Logger LOG = Logger.getLogger(ClosedLoop.class);

    private final PieceRepository pieces;
    private final LiveStateRepository live;
    private final EventClock eventClock;
    private final ShortfallResponse shortfalls;
    private final DeliveryTracker deliveries;
    private final Reallocation reallocation;
    private final Publication publication;
    private final DispatchMetrics metrics;
    private final DispatchConfig.Loop config;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("closed-loop").daemon().factory());
    private Instant lastShortRetry = Instant.MIN;

    public ClosedLoop(PieceRepository pieces, LiveStateRepository live, EventClock eventClock,
            ShortfallResponse shortfalls, DeliveryTracker deliveries, Reallocation reallocation,
            Publication publication, DispatchMetrics metrics, DispatchConfig config,
            Clock clock) {
        this.pieces = pieces;
        this.live = live;
        this.eventClock = eventClock;
        this.shortfalls = shortfalls;
        this.deliveries = deliveries;
        this.reallocation = reallocation;
        this.publication = publication;
        this.metrics = metrics;
        this.config = config.loop();
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        long period = config.interval().toMillis();
        executor.scheduleWithFixedDelay(this::roundQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private void roundQuietly() {
        try {
            round();
        } catch (RuntimeException e) {
            LOG.warnf(e, "closed loop round failed; retrying at the next round: %s", e.getMessage());
        }
    }

    /** One round; public so tests can run one without waiting. */
    public synchronized void round() {
        long started = System.nanoTime();
        long shortDeciKw = publication.inTransaction(connection -> {
            Instant now = clock.instant();
            AllocationLock.acquire(connection);
            for (StoredEvent completed : eventClock.tick(connection, now)) {
                deliveries.completed(connection, completed, now);
            }
            Map<String, SiteTarget> targets = Targets.of(pieces.at(connection, now));
            Map<String, LiveState> states = live.all(connection);
            List<Shortfall> found = shortfalls.respond(connection, targets, states, now);
            boolean recovered = shortfalls.recover(connection, states, now);
            if (recovered || !now.isBefore(lastShortRetry.plus(config.retryShortfallEvery()))) {
                lastShortRetry = now;
                reallocation.shortEvents(connection, now, "closed loop retry of events short");
            }
            deliveries.observe(connection, targets, states, found, now);
            return found.stream().mapToLong(s -> s.targetDeciKw() - s.deliveredDeciKw()).sum();
        });
        metrics.loopRound(System.nanoTime() - started, shortDeciKw);
    }
}
