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
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerStatus;
import io.gridflex.siteagent.schedule.HeldMiner;
import io.gridflex.siteagent.schedule.ScheduleBook;
import io.quarkus.runtime.StartupEvent;

/**
 * Reads every miner each sample interval, integrates the site's energy, and publishes one {@link SiteTelemetry} per
 * telemetry interval (key: site id). A miner that does not answer is counted at its last known draw, and one never
 * heard from at its nominal draw: the site meter would still see it, and counting it as 0 W would show a reduction
 * that did not happen. The coverage field says how much of the fleet answered. The site has no meter of its own
 * yet, so the figures are the miners' ({@code source} MINERS) and a co-located data centre is not in them.
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
    private final EnergyAccumulator accumulator;
    private final double sleepW;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("site-meter").daemon().factory());

    public SiteMeter(SiteConfig config, Clock clock, FleetView fleet, ScheduleBook book,
            Outbound link, MessageCodec codec, AgentMetrics metrics, OtherLoad otherLoad) {
        this.otherLoad = otherLoad;
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

    private void sample() {
        try {
            List<MinerStatus> miners = fleet.sampleAll();
            Instant at = clock.instant();
            double siteW = miners.stream().mapToDouble(MinerStatus::powerW).sum();
            for (EnergyAccumulator.Interval interval : accumulator.add(at, siteW)) {
                publish(interval, miners, at);
            }
        } catch (RuntimeException e) {
            LOG.error("metering step failed; continuing at the next sample", e);
        }
    }

    private void publish(EnergyAccumulator.Interval interval, List<MinerStatus> miners, Instant at) {
        ScheduleBook.View view = book.view();
        Set<String> held = view.held().stream().map(HeldMiner::endpoint).collect(Collectors.toSet());
        FleetSummary fleetNow = FleetSummary.of(miners, held, sleepW);
        double requiredW = Requirement.requiredW(view.segmentAt(at).orElse(null), miners, view.held(),
                otherLoad.watts(), config.maxImportKw() * 1000);
        double averageKw = kw(interval.averageW());
        SiteTelemetry telemetry = new SiteTelemetry(config.id(), interval.start(), interval.end(), averageKw,
                Math.max(0, interval.energyWh() / 1000.0), averageKw, null, kw(fleetNow.sheddableW()),
                kw(HeldMiner.reductionW(view.held(), sleepW)), kw(requiredW), config.maxImportKw(), fleetNow.counts(),
                round(fleetNow.hashrateThs()), round(fleetNow.efficiencyJPerTh()), view.revision(),
                SiteTelemetry.Source.MINERS, fleetNow.coverage());
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
