package io.gridflex.siteagent.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridflex.messages.MessageCodec;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.meter.DataCentreProfile;
import io.gridflex.minersim.meter.RegisterMap;
import io.gridflex.minersim.meter.SiteMeter;
import io.gridflex.minersim.power.MinerModel;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.RecordingLink;
import io.gridflex.siteagent.TestDrivers;
import io.gridflex.siteagent.TestSiteConfig;
import io.gridflex.siteagent.meter.DataType;
import io.gridflex.siteagent.meter.MeterPoller;
import io.gridflex.siteagent.meter.MeterSettings;
import io.gridflex.siteagent.meter.RegisterSpec;
import io.gridflex.siteagent.meter.RegisterType;
import io.gridflex.siteagent.meter.WordOrder;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerCommands;
import io.gridflex.siteagent.miner.MinerDrivers;
import io.gridflex.siteagent.schedule.AckPublisher;
import io.gridflex.siteagent.schedule.ScheduleBook;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Following a data centre: ten miners (30.1 kW) share a 100 kW connection with a data centre whose draw (60 kW, with
 * spikes of 24-30 kW every 10 s for 4 s) the site's simulated Modbus meter reports. The agent reads the meter, sheds mining during the
 * spikes so that the site's true import stays under its limit, and brings mining back between them.
 */
class MeteredSiteTest {

    private static final double LIMIT_KW = 100;

    @TempDir
    Path dir;

    private SimulatedFleet fleet;
    private SiteMeter meter;
    private MeterPoller poller;
    private FleetView view;
    private SiteController controller;

    @BeforeEach
    void start() {
        fleet = SimulatedFleet.builder("dc-site").model(MinerModel.S19XP).count(10).noise(0)
                .sleepRamp(Duration.ofMillis(200)).warmUp(Duration.ofMillis(300)).start();
        meter = SiteMeter.forFleet(fleet, new DataCentreProfile(60, 30, Duration.ofSeconds(4), Duration.ofSeconds(10),
                7), RegisterMap.defaults(), "127.0.0.1", 0);
        TestSiteConfig config = new TestSiteConfig("dc-site", LIMIT_KW, fleet.endpoints(), dir.resolve("state.json"));
        Clock clock = Clock.systemUTC();
        OtherLoad otherLoad = new OtherLoad();
        MeterSettings settings = new MeterSettings("127.0.0.1", meter.port(), RegisterMap.defaults().unitId(),
                Duration.ofSeconds(1), Optional.of(spec("site-kw", 0)), Optional.of(spec("mining-kw", 2)),
                Optional.of(spec("data-centre-kw", 4)), spec("energy-kwh", 6));
        poller = new MeterPoller(true, () -> settings, Duration.ofMillis(200), clock, otherLoad);
        poller.begin();
        AgentMetrics metrics = new AgentMetrics(new SimpleMeterRegistry());
        ScheduleBook book = new ScheduleBook(config, clock,
                new AckPublisher(new RecordingLink(), new MessageCodec(), metrics), metrics);
        MinerDrivers drivers = TestDrivers.of(config, clock);
        view = new FleetView(config, drivers);
        controller = new SiteController(config, clock, book, view, new MinerCommands(drivers, metrics, clock, config),
                otherLoad, metrics);
        view.sampleAll();
    }

    private static RegisterSpec spec(String name, int address) {
        return new RegisterSpec(name, address, RegisterType.HOLDING, DataType.FLOAT32, WordOrder.BIG_ENDIAN, 1);
    }

    @AfterEach
    void stop() {
        poller.stop();
        meter.close();
        fleet.close();
    }

    @Test
    void shedsMiningDuringTheDataCentresSpikesAndBringsItBackBetweenThem() {
        // In a spike the data centre takes 84-90 kW of the 100: 14-20 kW of mining must give way (5-7 miners).
        stepUntil(() -> meter.read().dataCentreKw() > 80 && asleep() >= 5 && meter.read().siteKw() <= LIMIT_KW);
        assertThat(poller.fresh()).isPresent();
        // Between spikes (60 kW) all of mining fits again, and comes back.
        stepUntil(() -> meter.read().dataCentreKw() < 65 && asleep() == 0);
        assertThat(meter.read().siteKw()).isLessThanOrEqualTo(LIMIT_KW);
    }

    private long asleep() {
        return fleet.miners().stream().filter(m -> !m.isAwake()).count();
    }

    private void stepUntil(BooleanSupplier done) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            controller.step(Instant.now());
            view.sampleAll();
            return done.getAsBoolean();
        });
    }
}
