package io.gridflex.siteagent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.meter.DataCentreProfile;
import io.gridflex.minersim.meter.RegisterMap;
import io.gridflex.minersim.meter.SiteMeter;
import io.gridflex.minersim.power.MinerModel;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.RecordingLink;
import io.gridflex.siteagent.TestDrivers;
import io.gridflex.siteagent.TestSiteConfig;
import io.gridflex.siteagent.execution.OtherLoad;
import io.gridflex.siteagent.meter.DataType;
import io.gridflex.siteagent.meter.MeterPoller;
import io.gridflex.siteagent.meter.MeterSettings;
import io.gridflex.siteagent.meter.RegisterSpec;
import io.gridflex.siteagent.meter.RegisterType;
import io.gridflex.siteagent.meter.WordOrder;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.schedule.AckPublisher;
import io.gridflex.siteagent.schedule.ScheduleBook;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A metered site whose agent stops for a few seconds: the restarted agent's first interval covers the time nobody
 * measured, from the meter's energy register, continuous with the last one published before and the next one after,
 * so settlement has the whole time and no kWh twice. The site draws a steady 32.04 kW (four miners, a 20 kW data
 * centre).
 */
class MeterGapTest {

    @TempDir
    Path dir;

    private final MessageCodec codec = new MessageCodec();
    private final RecordingLink link = new RecordingLink();
    private SimulatedFleet fleet;
    private SiteMeter simulatedMeter;
    private MeterPoller poller;
    private TestSiteConfig config;

    @BeforeEach
    void start() {
        fleet = SimulatedFleet.builder("gap-site").model(MinerModel.S19XP).count(4).noise(0).start();
        simulatedMeter = SiteMeter.forFleet(fleet,
                new DataCentreProfile(20, 0, Duration.ZERO, Duration.ofSeconds(10), 1), RegisterMap.defaults(),
                "127.0.0.1", 0);
        MeterSettings settings = new MeterSettings("127.0.0.1", simulatedMeter.port(), RegisterMap.defaults().unitId(),
                Duration.ofSeconds(1), Optional.of(spec(0)), Optional.of(spec(2)), Optional.of(spec(4)), spec(6));
        poller = new MeterPoller(true, () -> settings, Duration.ofMillis(100), Clock.systemUTC(), new OtherLoad());
        poller.begin();
        config = new TestSiteConfig("gap-site", 100, fleet.endpoints(), dir.resolve("state.json"));
        await().until(() -> poller.fresh().isPresent());
    }

    private static RegisterSpec spec(int address) {
        return new RegisterSpec("r" + address, address, RegisterType.HOLDING, DataType.FLOAT32, WordOrder.BIG_ENDIAN,
                1);
    }

    @AfterEach
    void stop() {
        poller.stop();
        simulatedMeter.close();
        fleet.close();
    }

    private io.gridflex.siteagent.telemetry.SiteMeter agent() {
        Clock clock = Clock.systemUTC();
        AgentMetrics metrics = new AgentMetrics(new SimpleMeterRegistry());
        ScheduleBook book = new ScheduleBook(config, clock, new AckPublisher(link, codec, metrics), metrics);
        FleetView fleetView = new FleetView(config, TestDrivers.of(config, clock));
        return new io.gridflex.siteagent.telemetry.SiteMeter(config, clock, fleetView, book, link, codec, metrics,
                new OtherLoad(), poller);
    }

    private List<SiteTelemetry> telemetry() {
        return link.payloads().stream().filter(p -> p.contains("intervalStart"))
                .map(p -> codec.decode(SiteTelemetry.class, p)).toList();
    }

    @Test
    void aRestartedAgentFillsTheTimeNobodyMeasuredFromTheMetersEnergyRegister() {
        io.gridflex.siteagent.telemetry.SiteMeter first = agent();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            first.sample();
            return telemetry().size() >= 3;
        });
        SiteTelemetry lastBefore = telemetry().getLast();
        assertThat(lastBefore.source()).isEqualTo(SiteTelemetry.Source.METER);
        assertThat(lastBefore.dataCentreKw()).isCloseTo(20, within(0.01));
        int before = telemetry().size();

        // The agent is gone for three seconds; then a new one starts from the same state directory.
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(lastBefore.intervalEnd()
                .plusSeconds(3)));
        io.gridflex.siteagent.telemetry.SiteMeter second = agent();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            second.sample();
            return telemetry().size() >= before + 2;
        });

        SiteTelemetry hole = telemetry().get(before);
        SiteTelemetry next = telemetry().get(before + 1);
        assertThat(hole.intervalStart()).isEqualTo(lastBefore.intervalEnd());
        assertThat(next.intervalStart()).isEqualTo(hole.intervalEnd());
        assertThat(hole.source()).isEqualTo(SiteTelemetry.Source.METER);
        double hours = Duration.between(hole.intervalStart(), hole.intervalEnd()).toNanos() / 3.6e12;
        assertThat(hours * 3600).isGreaterThanOrEqualTo(3);
        // At most two meter polls (0.1 s each) of energy may be missing, never any counted twice.
        assertThat(hole.energyKwh()).isLessThanOrEqualTo(32.04 * hours + 0.0001)
                .isGreaterThanOrEqualTo(32.04 * (hours - 0.3 / 3600));
        assertThat(hole.averageKw()).isCloseTo(hole.energyKwh() / hours, within(0.01));
    }
}
