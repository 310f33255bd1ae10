package io.gridflex.settlement.schedule;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Counters of schedule intake, registered at startup so a dashboard sees them at zero before the first message. Every
 * duplicate and conflict is also counted in {@code gridflex.messages.rejected}, like any message acted on no further.
 */
@ApplicationScoped
@Startup
public class ScheduleMetrics {

    public static final String STORED = "gridflex.settlement.schedules.stored";
    public static final String DUPLICATES = "gridflex.settlement.schedules.duplicates";
    public static final String CONFLICTS = "gridflex.settlement.schedules.conflicts";
    public static final String REFUSED = "gridflex.settlement.schedules.refused";
    public static final String ACCEPTED = "gridflex.settlement.schedules.accepted";

    private final Counter stored;
    private final Counter duplicates;
    private final Counter conflicts;
    private final Counter refused;
    private final Counter accepted;

    public ScheduleMetrics(MeterRegistry registry) {
        this.stored = Counter.builder(STORED).description("Schedule revisions stored").register(registry);
        this.duplicates = Counter.builder(DUPLICATES)
                .description("Re-sent schedule revisions acknowledged without change").register(registry);
        this.conflicts = Counter.builder(CONFLICTS)
                .description("Schedule revisions refused because the stored revision of that number differs")
                .register(registry);
        this.refused = Counter.builder(REFUSED)
                .description("Schedule revisions a site agent refused, which therefore never govern the site")
                .register(registry);
        this.accepted = Counter.builder(ACCEPTED)
                .description("Schedule revisions a site agent accepted, which govern the site from then on")
                .register(registry);
    }

    void stored() {
        stored.increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    void conflict() {
        conflicts.increment();
    }

    void refused() {
        refused.increment();
    }

    void accepted() {
        accepted.increment();
    }
}
