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
     * ones (duplicate, out-of-order, wrong-channel, invalid).
     */
    public void schedule(String outcome) {
        Counter.builder("gridflex.site.schedules").description("Schedule revisions and segments by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    public void shedLatency(Duration latency) {
        shedLatency.record(latency);
    }

    /**
     * Sleep and trim commands sent for a shed: {@code ahead} as planned before the segment began, {@code step} as
     * planned in the control step that sent them.
     */
    public void shedCommands(String plan, int commands) {
        Counter.builder("gridflex.site.shed.commands")
                .description("Sleep and trim commands sent for sheds, by when they were planned (ahead, step)")
                .tag("plan", plan).register(registry).increment(commands);
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

    /** A change scanning noticed in the inventory: new, firmware-changed, gone, returned, moved. */
    public void inventoryChange(String change) {
        Counter.builder("gridflex.site.inventory.changes")
                .description("Changes scanning noticed in the miner inventory, by kind").tag("change", change)
                .register(registry).increment();
    }

    /** The inventory's size: the static list's miners, the scanned ones, and how many of all are gone. */
    public void inventory(Supplier<Number> staticMiners, Supplier<Number> scanned, Supplier<Number> gone) {
        Gauge.builder("gridflex.site.inventory.miners", staticMiners).description("Miners in the inventory")
                .tag("source", "static").register(registry);
        Gauge.builder("gridflex.site.inventory.miners", scanned).description("Miners in the inventory")
                .tag("source", "scanned").register(registry);
        Gauge.builder("gridflex.site.inventory.gone", gone)
                .description("Scanned miners kept in the inventory that no scan finds any more").register(registry);
    }

    /** How long one scan of the configured ranges took. */
    public void scanDuration(Duration duration) {
        Timer.builder("gridflex.site.scan.duration").description("One scan of the configured address ranges")
                .register(registry).record(duration);
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
        Counter.builder("gridflex.site.telemetry.published")
                .description("Telemetry intervals published (kept in the link journal until Kafka has them)")
                .register(registry).increment();
    }

    /** What waits in the link journal for the broker. */
    public void linkBacklog(Supplier<Number> records, Supplier<Number> bytes, Supplier<Number> oldestAgeSeconds) {
        Gauge.builder("gridflex.site.link.buffered.records", records)
                .description("Acks and telemetry in the link journal the broker has not acknowledged")
                .register(registry);
        Gauge.builder("gridflex.site.link.buffered", bytes).description("Bytes of the unsent records")
                .baseUnit("bytes").register(registry);
        Gauge.builder("gridflex.site.link.oldest.age", oldestAgeSeconds)
                .description("How long the oldest unsent record has waited (0: none waits)").baseUnit("seconds")
                .register(registry);
    }

    /**
     * Records the link journal dropped unsent: over its size or age bound ({@code max-bytes}, {@code max-age}), or
     * unreadable ({@code damaged}, channel {@code unknown}).
     */
    public void linkDropped(String channel, String bound, long records) {
        Counter.builder("gridflex.site.link.dropped").description("Records dropped unsent by the link journal")
                .tag("channel", channel).tag("bound", bound).register(registry).increment(records);
    }

    /**
     * A journaled record the broker acknowledged; {@code replayed} when it had to wait for the link (an outage, or a
     * journal the previous run left).
     */
    public void linkSent(String channel, boolean replayed) {
        Counter.builder("gridflex.site.link.sent").description("Journaled records the broker acknowledged")
                .tag("channel", channel).register(registry).increment();
        if (replayed) {
            Counter.builder("gridflex.site.link.replayed")
                    .description("Journaled records the broker acknowledged after they waited for the link")
                    .tag("channel", channel).register(registry).increment();
        }
    }
}
