package io.gridflex.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.support.outbox.RelayMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The gateway's meters, named once here so the code and the dashboards agree on them. */
@ApplicationScoped
public class GatewayMetrics implements RelayMeters {

    private final MeterRegistry registry;
    private final Counter eventsReceived;
    private final Counter eventsDuplicate;
    private final Counter eventsOutOfOrder;
    private final Counter eventsChangedWithoutNewNumber;
    private final Counter eventsOptedOut;
    private final Counter eventsOptedIn;
    private final Timer publishLag;
    private final AtomicLong outboxPending = new AtomicLong();
    private final AtomicLong outboxLagMillis = new AtomicLong();
    private final List<Meter> gauges = new ArrayList<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.eventsReceived = Counter.builder("gridflex.gateway.events.received")
                .description("Events in oadrDistributeEvents from the VTN, whatever became of them")
                .register(registry);
        this.eventsDuplicate = Counter.builder("gridflex.gateway.events.duplicate")
                .description("Events whose modification number was already handled")
                .register(registry);
        this.eventsOutOfOrder = Counter.builder("gridflex.gateway.events.out.of.order")
                .description("Events older than the revision already handled")
                .register(registry);
        this.eventsChangedWithoutNewNumber = Counter.builder("gridflex.gateway.events.changed.without.new.number")
                .description("Events received again with the modification number already handled but other content;"
                        + " the revision held stands")
                .register(registry);
        this.eventsOptedOut = Counter.builder("gridflex.gateway.events.opted.out")
                .description("New event revisions declined (optOut)")
                .register(registry);
        this.eventsOptedIn = Counter.builder("gridflex.gateway.events.opted.in")
                .description("New event revisions accepted or cancellations acknowledged (optIn)")
                .register(registry);
        this.publishLag = Timer.builder("gridflex.gateway.publish.lag")
                .description("From receiving an event revision to Kafka's acknowledgement of its DrEvent")
                .register(registry);
        gauges.add(Gauge.builder("gridflex.gateway.outbox.pending", outboxPending, AtomicLong::get)
                .description("DrEvents stored but not yet acknowledged by Kafka")
                .register(registry));
        gauges.add(Gauge.builder("gridflex.gateway.outbox.lag", outboxLagMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest unpublished DrEvent, 0 when none waits")
                .baseUnit("seconds")
                .register(registry));
    }

    /**
     * Gauges read this bean's fields, so they go with it: a registry that outlives the bean (one JVM that starts the
     * application again, as the tests do) would otherwise keep reading the old bean's fields.
     */
    @PreDestroy
    void removeGauges() {
        gauges.forEach(registry::remove);
    }

    /** Telemetry intervals of the usage history: written, or dropped from a full backlog. */
    public void history(String outcome, int intervals) {
        registry.counter("gridflex.gateway.history.intervals", "outcome", outcome).increment(intervals);
    }

    /** @param outcome what the program's VTN answered the poll with, or why the poll failed */
    public void poll(String program, String outcome) {
        registry.counter("gridflex.gateway.polls", "program", program, "outcome", outcome).increment();
    }

    /** @param outcome what became of a message the program's VTN pushed, or why it was refused unread */
    public void push(String program, String outcome) {
        registry.counter("gridflex.gateway.pushes", "program", program, "outcome", outcome).increment();
    }

    public void eventReceived() {
        eventsReceived.increment();
    }

    public void eventDuplicate() {
        eventsDuplicate.increment();
    }

    public void eventChangedWithoutNewNumber() {
        eventsChangedWithoutNewNumber.increment();
    }

    public void eventOutOfOrder() {
        eventsOutOfOrder.increment();
    }

    public void eventOptedOut() {
        eventsOptedOut.increment();
    }

    public void eventOptedIn() {
        eventsOptedIn.increment();
    }

    /** A VTN message refused before any event in it was looked at (unreadable, hostile, not for us). */
    public void vtnMessageRefused(int code) {
        registry.counter("gridflex.gateway.vtn.refused", "code", Integer.toString(code)).increment();
    }

    /** The VTN did not accept our oadrCreatedEvent (or another answer of ours). */
    public void answerRefused(String message) {
        registry.counter("gridflex.gateway.answers.refused", "message", message).increment();
    }

    /**
     * An oadrUpdateReport sent to a program's VTN.
     *
     * @param report TELEMETRY_USAGE or TELEMETRY_STATUS
     * @param outcome delivered, refused (the VTN answered other than 200) or unreachable
     */
    public void report(String program, String report, String outcome) {
        registry.counter("gridflex.gateway.reports", "program", program, "report", report, "outcome", outcome)
                .increment();
    }

    /**
     * A step with the VTN's own reports, which this VEN asks for.
     *
     * @param outcome requested, refused (the VTN did not take a request), update-stored, update-refused (an
     *        oadrUpdateReport refused whole), cancelled, cancel-refused
     */
    public void vtnReport(String program, String outcome) {
        registry.counter("gridflex.gateway.vtn-reports", "program", program, "outcome", outcome).increment();
    }

    /**
     * An opt of the VEN's own (oadrCreateOpt) sent to a program's VTN.
     *
     * @param outcome accepted (200), refused (another code) or unreachable
     */
    public void optSent(String program, String outcome) {
        registry.counter("gridflex.gateway.opts", "program", program, "outcome", outcome).increment();
    }

    /** A dispatch status the VEN decided an opt-out on. */
    public void optDecided(String program) {
        registry.counter("gridflex.gateway.opts.decided", "program", program).increment();
    }

    /** A DrEvent Kafka acknowledged, {@code sinceReceived} after its revision was received. */
    @Override
    public void relayed(Duration sinceReceived) {
        publishLag.record(sinceReceived.isNegative() ? Duration.ZERO : sinceReceived);
    }

    @Override
    public void relayBacklog(long pending, Duration oldestAge) {
        outboxPending.set(pending);
        outboxLagMillis.set(Math.max(0, oldestAge.toMillis()));
    }
}
