package io.gridflex.siteagent.telemetry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.command.ActiveCommand;
import io.gridflex.siteagent.command.CommandBook;
import io.gridflex.siteagent.command.HeldMiner;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerStatus;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * Reads every miner each sample interval, integrates the site's energy, and publishes one {@link SiteTelemetry} per
 * telemetry interval (key: site id). A miner that does not answer is counted at its last known draw: the site meter
 * would still see it, and dropping it would show a reduction that did not happen.
 */
@ApplicationScoped
public class SiteMeter {

    private static final Logger LOG = Logger.getLogger(SiteMeter.class);

    private final SiteConfig config;
    private final Clock clock;
    private final FleetView fleet;
    private final CommandBook book;
    private final Emitter<String> emitter;
    private final MessageCodec codec;
    private final AgentMetrics metrics;
    private final EnergyAccumulator accumulator;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("site-meter").daemon().factory());

    public SiteMeter(SiteConfig config, Clock clock, FleetView fleet, CommandBook book,
            @Channel("site-telemetry") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> emitter,
            MessageCodec codec, AgentMetrics metrics) {
        this.config = config;
        this.clock = clock;
        this.fleet = fleet;
        this.book = book;
        this.emitter = emitter;
        this.codec = codec;
        this.metrics = metrics;
        this.accumulator = new EnergyAccumulator(config.telemetry().interval());
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
                publish(interval, miners);
            }
        } catch (RuntimeException e) {
            LOG.error("metering step failed; continuing at the next sample", e);
        }
    }

    private void publish(EnergyAccumulator.Interval interval, List<MinerStatus> miners) {
        CommandBook.View view = book.view();
        Set<String> held = view.held().stream().map(HeldMiner::endpoint).collect(Collectors.toSet());
        double sheddableW = miners.stream().filter(m -> m.hashing() && !held.contains(m.endpoint().toString()))
                .mapToDouble(MinerStatus::powerW).sum();
        int running = (int) miners.stream().filter(MinerStatus::hashing).count();
        SiteTelemetry telemetry = new SiteTelemetry(config.id(), interval.start(), interval.end(),
                kw(interval.averageW()), Math.max(0, interval.energyWh() / 1000.0), kw(sheddableW),
                config.maxImportKw(), miners.size(), running, view.active().map(ActiveCommand::commandId).orElse(null));
        emitter.send(KafkaRecord.of(config.id(), codec.encode(telemetry))
                .withNack(failure -> {
                    LOG.errorf(failure, "telemetry for %s could not be delivered", interval.start());
                    return CompletableFuture.completedFuture(null);
                }));
        metrics.telemetryPublished();
    }

    private static double kw(double w) {
        return Math.max(0, Math.round(w) / 1000.0);
    }
}
