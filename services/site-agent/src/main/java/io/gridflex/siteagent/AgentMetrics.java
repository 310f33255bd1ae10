package io.gridflex.siteagent;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The agent's meters, named in one place. */
@ApplicationScoped
public class AgentMetrics {

    private final MeterRegistry registry;
    private final Timer shedLatency;

    public AgentMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.shedLatency = Timer.builder("gridflex.site.shed.latency")
                .description("From a segment's target coming into force (its start, or the arrival of the revision"
                        + " that set it, if later) to the stopped miners' confirmed lower draw")
                .publishPercentileHistogram()
                .register(registry);
    }

    /**
     * Schedules and segments by what became of them: accepted, rejected, shed, restoring, restored, and the ignored
     * ones (duplicate, out-of-order, foreign-site, invalid).
     */
    public void schedule(String outcome) {
        Counter.builder("gridflex.site.schedules").description("Schedule revisions and segments by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    public void rejected(String topic, String reason) {
        Counter.builder("gridflex.messages.rejected").description("Consumed messages turned down")
                .tag("topic", topic).tag("reason", reason).register(registry).increment();
    }

    public void shedLatency(Duration latency) {
        shedLatency.record(latency);
    }

    /** A miner that did not carry out a command after every retry. */
    public void minerFailure(String endpoint, String operation) {
        Counter.builder("gridflex.site.miner.failures").description("Miner commands that failed after every retry")
                .tag("miner", endpoint).tag("operation", operation).register(registry).increment();
    }

    /** A restore stage that could not wake anyone without exceeding the import limit. */
    public void restoreBlocked() {
        Counter.builder("gridflex.site.restore.blocked")
                .description("Restore stages held back because the import limit left no room").register(registry)
                .increment();
    }

    public void siteKw(Supplier<Number> kw) {
        Gauge.builder("gridflex.site.power", kw).description("Site draw at the latest reading").baseUnit("kW")
                .register(registry);
    }

    /** The schedule revision the agent executes; 0 before the first one. */
    public void scheduleRevision(Supplier<Number> revision) {
        Gauge.builder("gridflex.site.schedule.revision", revision)
                .description("The schedule revision the agent executes (0: none yet)").register(registry);
    }

    public void telemetryPublished() {
        Counter.builder("gridflex.site.telemetry.published").description("Telemetry intervals sent")
                .register(registry).increment();
    }
}
