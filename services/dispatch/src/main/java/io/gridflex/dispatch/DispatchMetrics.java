package io.gridflex.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.event.AllocationResult;
import io.gridflex.dispatch.event.EventOutcome;
import io.gridflex.support.outbox.RelayMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * The service's meters, named once here so producers and dashboards agree on them. Created at startup so every meter
 * is scraped from the first request, not from its first use.
 */
@Startup
@ApplicationScoped
public class DispatchMetrics {

    private final MeterRegistry registry;
    private final Counter eventsReceived;
    private final Counter eventsDuplicate;
    private final Counter eventsOutOfOrder;
    private final DistributionSummary shortfall;
    private final Timer allocation;
    private final Counter schedulesIssued;
    private final Timer loopRound;
    private final AtomicLong fleetShortfallDeciKw = new AtomicLong();
    private final List<Meter> gauges = new ArrayList<>();

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
                .description("Reduction no site could take, per allocated event revision")
                .baseUnit("kW")
                .register(registry);
        this.allocation = Timer.builder("gridflex.dispatch.allocation.duration")
                .description("From taking a DR event revision to committing its allocation and schedules")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.schedulesIssued = Counter.builder("gridflex.dispatch.schedules.issued")
                .description("Site schedules issued (new revisions)")
                .register(registry);
        this.loopRound = Timer.builder("gridflex.dispatch.loop.round")
                .description("One round of the closed loop")
                .register(registry);
        gauges.add(Gauge.builder("gridflex.dispatch.loop.shortfall", fleetShortfallDeciKw, v -> v.get() / 10.0)
                .description("What active sites fall short of their targets in all, at the last loop round")
                .baseUnit("kW")
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

    public void revisionHandled(AllocationResult result, long nanos) {
        registry.counter("gridflex.dispatch.events.handled", "outcome", result.outcome().name()).increment();
        if (result.outcome() == EventOutcome.ALLOCATED) {
            shortfall.record(result.allocation().shortfallDeciKw() / 10.0);
        }
        allocation.record(nanos, TimeUnit.NANOSECONDS);
        schedulesIssued.increment(result.issued().size());
    }

    public void reallocated(String reason, AllocationResult result) {
        registry.counter("gridflex.dispatch.events.reallocated", "reason", reason).increment();
        schedulesIssued.increment(result.issued().size());
    }

    public void loopRound(long nanos, long shortfallDeciKw) {
        loopRound.record(nanos, TimeUnit.NANOSECONDS);
        fleetShortfallDeciKw.set(shortfallDeciKw);
    }

    /** Meters of one outbox relay, tagged {@code outbox}. */
    public RelayMeters relayMeters(String outbox) {
        Timer delay = Timer.builder("gridflex.dispatch.relay.delay")
                .description("From a row's write to Kafka's acknowledgement of it")
                .tag("outbox", outbox)
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        Counter failures = Counter.builder("gridflex.dispatch.relay.failures")
                .description("Relay rounds that stopped because Kafka did not acknowledge a row")
                .tag("outbox", outbox)
                .register(registry);
        AtomicLong pending = new AtomicLong();
        AtomicLong lagMillis = new AtomicLong();
        gauges.add(Gauge.builder("gridflex.dispatch.relay.pending", pending, AtomicLong::get)
                .description("Rows written but not yet acknowledged by Kafka")
                .tag("outbox", outbox)
                .register(registry));
        gauges.add(Gauge.builder("gridflex.dispatch.relay.lag", lagMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest unpublished row, 0 when none waits")
                .tag("outbox", outbox)
                .baseUnit("seconds")
                .register(registry));
        return new RelayMeters() {

            @Override
            public void relayed(Duration sinceQueued) {
                delay.record(sinceQueued.isNegative() ? Duration.ZERO : sinceQueued);
            }

            @Override
            public void relayFailed() {
                failures.increment();
            }

            @Override
            public void relayBacklog(long rows, Duration oldestAge) {
                pending.set(rows);
                lagMillis.set(Math.max(0, oldestAge.toMillis()));
            }
        };
    }
}
