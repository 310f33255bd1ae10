package io.gridflex.settlement.meter;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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

    private final Counter stored;
    private final Counter duplicates;

    public IntakeMetrics(MeterRegistry registry) {
        this.stored = Counter.builder(STORED).description("Metered intervals stored").register(registry);
        this.duplicates = Counter.builder(DUPLICATES).description("Re-sent intervals acknowledged without change")
                .register(registry);
    }

    void stored(int count) {
        stored.increment(count);
    }

    void duplicate() {
        duplicates.increment();
    }
}
