package io.gridflex.siteagent.telemetry;

import java.time.Clock;
import java.time.Instant;
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

    private final SiteConfig config;
    private final Clock clock;
    private final FleetView fleet;
    private final ScheduleBook book;
    private final Outbound link;
    private final MessageCodec codec;
    private final AgentMetrics metrics;
    private final OtherLoad otherLoad;
    private final MeterPoller meter;
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
    private void sample() {
        try {
            List<MinerStatus> miners = fleet.sampleAll();
            Instant at = clock.instant();
            double minersW = miners.stream().mapToDouble(MinerStatus::powerW).sum();
            MeterReading metered = meter.fresh().orElse(null);
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
                publish(site.get(i), mining.get(i), allWithDataCentre ? dataCentre.get(i) : null, allMetered, miners,
                        at);
                allMetered = meteredSiteW != null;
                allWithDataCentre = metered != null && metered.dataCentreKw() != null;
            }
        } catch (RuntimeException e) {
            LOG.error("metering step failed; continuing at the next sample", e);
        }
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
                Math.max(0, interval.energyWh() / 1000.0), kw(mining.averageW()),
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
