package io.gridflex.siteagent.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.execution.OtherLoad;
import io.gridflex.siteagent.execution.Requirement;
import io.gridflex.siteagent.link.LinkChannel;
import io.gridflex.siteagent.link.Outbound;
import io.gridflex.siteagent.meter.MeterPoller;
import io.gridflex.siteagent.meter.MeterReading;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerStatus;
import io.gridflex.siteagent.schedule.HeldMiner;
import io.gridflex.siteagent.schedule.ScheduleBook;
import io.quarkus.runtime.StartupEvent;

/**
 * Reads every miner each sample interval, integrates the site's energy, and publishes one {@link SiteTelemetry} per
 * telemetry interval (key: site id). A miner that does not answer is counted at its last known draw, and one never
 * heard from at its nominal draw: the site meter would still see it, and counting it as 0 W would show a reduction
 * that did not happen. The coverage field says how much of the fleet answered. Where the site has a meter
 * ({@code gridflex.site.meter}) its figures are the truth while it answers ({@code source} METER, with the data
 * centre's draw where the meter has a register for it); without one, or while it is silent, they are the miners' own
 * plus the last measured non-mining load ({@code source} MINERS).
 * <p>
 * Each interval goes through the link journal: on local disk once published, and to Kafka in order, however long the
 * link is down (within the journal's bounds) and across restarts.
 */
@ApplicationScoped
public class SiteMeter {

    private static final Logger LOG = Logger.getLogger(SiteMeter.class);
    /** How long after a start the agent waits for the meter before its intervals begin without it. */
    private static final Duration METER_WAIT = Duration.ofSeconds(10);
    /** How long a metered interval waits for a meter reading taken after its end before it goes out without one. */
    private static final Duration MARK_WAIT = Duration.ofSeconds(5);

    private final SiteConfig config;
    private final Clock clock;
    private final FleetView fleet;
    private final ScheduleBook book;
    private final Outbound link;
    private final MessageCodec codec;
    private final AgentMetrics metrics;
    private final OtherLoad otherLoad;
    private final MeterPoller meter;
    private final MeterGap gap;
    private final Instant startedAt;
    /** Whether the first interval has begun. */
    private boolean sampling;
    /** Finished intervals not yet published, oldest first. */
    private final Deque<Ready> ready = new ArrayDeque<>();

    /** A finished interval and what was true when it finished. */
    private record Ready(EnergyAccumulator.Interval site, EnergyAccumulator.Interval mining,
            EnergyAccumulator.Interval dataCentre, boolean metered, List<MinerStatus> miners) {
    }
    private final EnergyAccumulator miningAccumulator;
    private final EnergyAccumulator dataCentreAccumulator;
    /** Whether every sample of the interval being integrated came from the site meter, and had the data centre. */
    private boolean allMetered = true;
    private boolean allWithDataCentre = true;
    private final EnergyAccumulator accumulator;
    private final double sleepW;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("site-meter").daemon().factory());

    public SiteMeter(SiteConfig config, Clock clock, FleetView fleet, ScheduleBook book,
            Outbound link, MessageCodec codec, AgentMetrics metrics, OtherLoad otherLoad, MeterPoller meter) {
        this.otherLoad = otherLoad;
        this.meter = meter;
        this.miningAccumulator = new EnergyAccumulator(config.telemetry().interval());
        this.dataCentreAccumulator = new EnergyAccumulator(config.telemetry().interval());
        this.config = config;
        this.clock = clock;
        this.fleet = fleet;
        this.book = book;
        this.link = link;
        this.codec = codec;
        this.metrics = metrics;
        this.accumulator = new EnergyAccumulator(config.telemetry().interval());
        this.sleepW = config.miner().sleepW();
        this.gap = new MeterGap(config.stateFile().toAbsolutePath());
        this.startedAt = clock.instant();
        metrics.siteKw(() -> fleet.siteW() / 1000.0);
    }

    void start(@Observes StartupEvent event) {
        long period = config.sampleInterval().toMillis();
        sampler.scheduleAtFixedRate(this::sample, 0, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        sampler.shutdownNow();
    }

    /**
     * Takes one sample: the site's draw from the site meter while it answers (the truth), else from the miners' own
     * readings; the mining draw from the meter's mining register where it has one, else the miners'; the data centre
     * from its register where the meter has one. An interval is reported as metered only if all its samples were.
     */
    void sample() {
        try {
            List<MinerStatus> miners = fleet.sampleAll();
            Instant at = clock.instant();
            double minersW = miners.stream().mapToDouble(MinerStatus::powerW).sum();
            MeterReading metered = meter.fresh().orElse(null);
            if (!sampling) {
                if (gap.awaitingFirstSample() && metered == null && at.isBefore(startedAt.plus(METER_WAIT))) {
                    // A gap to fill from the meter: the agent's own intervals start with the meter's first reading.
                    return;
                }
                sampling = true;
                if (metered != null) {
                    gap.firstSample(at, metered.energyKwh()).ifPresent(g -> publishGap(g, miners, at));
                } else {
                    gap.abandon("the meter did not answer within " + METER_WAIT.toSeconds() + " s of the start");
                }
            }
            Double meteredSiteW = metered == null ? null : siteW(metered);
            double miningW = metered != null && metered.miningKw() != null ? metered.miningKw() * 1000 : minersW;
            double siteW = meteredSiteW != null ? meteredSiteW : minersW + otherLoad.watts();
            double dataCentreW = metered != null && metered.dataCentreKw() != null ? metered.dataCentreKw() * 1000 : 0;
            allMetered &= meteredSiteW != null;
            allWithDataCentre &= metered != null && metered.dataCentreKw() != null;
            List<EnergyAccumulator.Interval> mining = miningAccumulator.add(at, miningW);
            List<EnergyAccumulator.Interval> dataCentre = dataCentreAccumulator.add(at, dataCentreW);
            List<EnergyAccumulator.Interval> site = accumulator.add(at, siteW);
            for (int i = 0; i < site.size(); i++) {
                ready.add(new Ready(site.get(i), mining.get(i), allWithDataCentre ? dataCentre.get(i) : null,
                        allMetered, miners));
                allMetered = meteredSiteW != null;
                allWithDataCentre = metered != null && metered.dataCentreKw() != null;
            }
            flush(at);
        } catch (RuntimeException e) {
            LOG.error("metering step failed; continuing at the next sample", e);
        }
    }

    /**
     * Publishes the finished intervals, oldest first. Before a metered interval goes out, the meter's energy register
     * at its end is written down (for a successor to fill a gap from): a reading taken at or after the end, so that a
     * gap can only miss energy, never count it twice; the interval waits for such a reading up to {@link #MARK_WAIT}.
     * Any other interval forgets the mark: a gap after it cannot be filled without overlapping it.
     */
    private void flush(Instant at) {
        while (!ready.isEmpty()) {
            Ready next = ready.peek();
            Instant end = next.site().end();
            MeterReading after = meter.latest().filter(r -> !r.at().isBefore(end)).orElse(null);
            if (next.metered() && after == null && at.isBefore(end.plus(MARK_WAIT))) {
                return;
            }
            if (next.metered() && after != null) {
                gap.mark(end, after.energyKwh());
            } else {
                gap.forget();
            }
            ready.poll();
            publish(next.site(), next.mining(), next.dataCentre(), next.metered(), next.miners(), at);
        }
    }

    /** One interval for the time no agent measured, from the meter's energy register. */
    private void publishGap(MeterGap.Gap hole, List<MinerStatus> miners, Instant at) {
        LOG.infof("telemetry from %s to %s filled from the meter's energy register: %.3f kWh", hole.start(),
                hole.end(), hole.energyKwh());
        // Its end reading is older than its end: no mark from it, the next interval's will do.
        gap.forget();
        publish(new EnergyAccumulator.Interval(hole.start(), hole.end(), hole.energyKwh() * 1000), null, null, true,
                miners, at);
    }

    /** The site's total draw as the meter gives it: its site register, or mining plus data centre; null if neither. */
    private static Double siteW(MeterReading reading) {
        if (reading.siteKw() != null) {
            return reading.siteKw() * 1000;
        }
        if (reading.miningKw() != null && reading.dataCentreKw() != null) {
            return (reading.miningKw() + reading.dataCentreKw()) * 1000;
        }
        return null;
    }

    private void publish(EnergyAccumulator.Interval interval, EnergyAccumulator.Interval mining,
            EnergyAccumulator.Interval dataCentre, boolean metered, List<MinerStatus> miners, Instant at) {
        ScheduleBook.View view = book.view();
        Set<String> held = view.held().stream().map(HeldMiner::endpoint).collect(Collectors.toSet());
        FleetSummary fleetNow = FleetSummary.of(miners, held, sleepW);
        double requiredW = Requirement.requiredW(view.segmentAt(at).orElse(null), miners, view.held(),
                otherLoad.watts(), config.maxImportKw() * 1000);
        double averageKw = kw(interval.averageW());
        SiteTelemetry telemetry = new SiteTelemetry(config.id(), interval.start(), interval.end(), averageKw,
                Math.max(0, interval.energyWh() / 1000.0), mining == null ? null : kw(mining.averageW()),
                dataCentre == null ? null : kw(dataCentre.averageW()), kw(fleetNow.sheddableW()),
                kw(HeldMiner.reductionW(view.held(), sleepW)), kw(requiredW), config.maxImportKw(), fleetNow.counts(),
                round(fleetNow.hashrateThs()), round(fleetNow.efficiencyJPerTh()), view.revision(),
                metered ? SiteTelemetry.Source.METER : SiteTelemetry.Source.MINERS, fleetNow.coverage());
        link.send(LinkChannel.SITE_TELEMETRY, config.id(), codec.encode(telemetry));
        metrics.telemetryPublished();
    }

    private static double kw(double w) {
        return Math.max(0, Math.round(w) / 1000.0);
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 1000.0) / 1000.0;
    }
}
