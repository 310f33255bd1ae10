package io.gridflex.settlement.meter;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * Counters of telemetry intake, registered at startup so a dashboard sees them at zero before the first message
 * rather than not at all. Refusals are counted in {@code gridflex.messages.rejected}.
 */
@ApplicationScoped
@Startup
public class IntakeMetrics {

    public static final String STORED = "gridflex.settlement.intervals.stored";
    public static final String DUPLICATES = "gridflex.settlement.intervals.duplicates";

    public static final String BATCH = "gridflex.settlement.intake.batch";

    private final Counter stored;
    private final Counter duplicates;
    private final Timer decoding;
    private final Timer storing;

    public IntakeMetrics(MeterRegistry registry) {
        this.stored = Counter.builder(STORED).description("Metered intervals stored").register(registry);
        this.duplicates = Counter.builder(DUPLICATES).description("Re-sent intervals acknowledged without change")
                .register(registry);
        this.decoding = Timer.builder(BATCH).tag("step", "decode").description(
                "Time per telemetry batch: decoding and checking its messages, or storing its intervals")
                .register(registry);
        this.storing = Timer.builder(BATCH).tag("step", "store").register(registry);
    }

    Timer decoding() {
        return decoding;
    }

    Timer storing() {
        return storing;
    }

    void stored(int count) {
        stored.increment(count);
    }

    void duplicate() {
        duplicates.increment();
    }
}
