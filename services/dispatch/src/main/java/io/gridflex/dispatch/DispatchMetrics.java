package io.gridflex.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.allocation.Allocation;
import io.gridflex.dispatch.event.EventOutcome;
import io.gridflex.messages.SiteCommand;
import io.gridflex.support.outbox.RelayMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * The service's meters, named once here so producers and dashboards agree on them. Created at startup so every meter
 * is scraped from the first request, not from its first use.
 */
@Startup
@ApplicationScoped
public class DispatchMetrics implements RelayMeters {

    private final MeterRegistry registry;
    private final Counter eventsReceived;
    private final Counter eventsDuplicate;
    private final Counter eventsOutOfOrder;
    private final DistributionSummary shortfall;
    private final Timer relayDelay;
    private final Counter relayFailures;
    private final AtomicLong relayPending = new AtomicLong();
    private final AtomicLong relayLagMillis = new AtomicLong();
    private final List<Gauge> gauges;

    public DispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.eventsReceived = Counter.builder("gridflex.dispatch.events.received")
                .description("DR events decoded from the topic, whatever became of them")
                .register(registry);
        this.eventsDuplicate = Counter.builder("gridflex.dispatch.events.duplicate")
                .description("DR events whose modification number was already processed")
                .register(registry);
        this.eventsOutOfOrder = Counter.builder("gridflex.dispatch.events.out.of.order")
                .description("DR events older than the revision already processed")
                .register(registry);
        this.shortfall = DistributionSummary.builder("gridflex.dispatch.allocation.shortfall")
                .description("Reduction no fresh site could take, per allocated event revision")
                .baseUnit("kW")
                .register(registry);
        this.relayDelay = Timer.builder("gridflex.dispatch.relay.delay")
                .description("From a command's issue to Kafka's acknowledgement of it")
                .register(registry);
        this.relayFailures = Counter.builder("gridflex.dispatch.relay.failures")
                .description("Relay rounds that stopped because Kafka did not acknowledge a command")
                .register(registry);
        this.gauges = List.of(
                Gauge.builder("gridflex.dispatch.relay.pending", relayPending, AtomicLong::get)
                        .description("Commands written but not yet acknowledged by Kafka")
                        .register(registry),
                Gauge.builder("gridflex.dispatch.relay.lag", relayLagMillis, v -> v.get() / 1000.0)
                        .description("Age of the oldest unpublished command, 0 when none waits")
                        .baseUnit("seconds")
                        .register(registry));
    }

    /**
     * Gauges read this bean's fields, so they go with it. A registry that outlives the bean (a global composite across
     * application restarts in one JVM) would otherwise hand the next instance the old gauges, reading stale fields.
     */
    @PreDestroy
    void removeGauges() {
        gauges.forEach(registry::remove);
    }

    public void eventReceived() {
        eventsReceived.increment();
    }

    public void eventDuplicate() {
        eventsDuplicate.increment();
    }

    public void eventOutOfOrder() {
        eventsOutOfOrder.increment();
    }

    public void revisionHandled(EventOutcome outcome, Allocation allocation, List<SiteCommand> commands) {
        registry.counter("gridflex.dispatch.events.handled", "outcome", outcome.name()).increment();
        if (outcome == EventOutcome.ALLOCATED) {
            shortfall.record(allocation.shortfallKw());
        }
        for (SiteCommand command : commands) {
            registry.counter("gridflex.dispatch.commands.issued", "action", command.action().name()).increment();
        }
    }

    public void rejected(String topic, String reason) {
        registry.counter("gridflex.messages.rejected", "topic", topic, "reason", reason).increment();
    }

    @Override
    public void relayed(Duration sinceIssue) {
        relayDelay.record(sinceIssue.isNegative() ? Duration.ZERO : sinceIssue);
    }

    @Override
    public void relayFailed() {
        relayFailures.increment();
    }

    @Override
    public void relayBacklog(long pending, Duration oldestAge) {
        relayPending.set(pending);
        relayLagMillis.set(Math.max(0, oldestAge.toMillis()));
    }
}
