package io.gridflex.siteagent.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleAck;
import io.gridflex.messages.ScheduleAck.Status;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.meter.DataCentreProfile;
import io.gridflex.minersim.meter.RegisterMap;
import io.gridflex.minersim.meter.SiteMeter;
import io.gridflex.minersim.power.MinerModel;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.RecordingLink;
import io.gridflex.siteagent.Schedules;
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

    private ScheduleBook book;
    private final RecordingLink acksOut = new RecordingLink();
    private final MessageCodec codec = new MessageCodec();

    /**
     * Starts the site: its data centre follows {@code dataCentre}; the agent reads the meter's mining register times
     * {@code miningScale} (1 for a meter that agrees with the miners' own readings).
     */
    private void start(DataCentreProfile dataCentre, double miningScale) {
        fleet = SimulatedFleet.builder("dc-site").model(MinerModel.S19XP).count(10).noise(0)
                .sleepRamp(Duration.ofMillis(200)).warmUp(Duration.ofMillis(300)).start();
        meter = SiteMeter.forFleet(fleet, dataCentre, RegisterMap.defaults(), "127.0.0.1", 0);
        TestSiteConfig config = new TestSiteConfig("dc-site", LIMIT_KW, fleet.endpoints(), dir.resolve("state.json"));
        Clock clock = Clock.systemUTC();
        OtherLoad otherLoad = new OtherLoad();
        MeterSettings settings = new MeterSettings("127.0.0.1", meter.port(), RegisterMap.defaults().unitId(),
                Duration.ofSeconds(1), Optional.of(spec("site-kw", 0, 1)),
                Optional.of(spec("mining-kw", 2, miningScale)),
                Optional.of(spec("data-centre-kw", 4, 1)), spec("energy-kwh", 6, 1));
        poller = new MeterPoller(true, () -> settings, Duration.ofMillis(200), clock, otherLoad);
        poller.begin();
        AgentMetrics metrics = new AgentMetrics(new SimpleMeterRegistry());
        book = new ScheduleBook(config, clock, new AckPublisher(acksOut, codec, metrics), metrics);
        MinerDrivers drivers = TestDrivers.of(config, clock);
        view = new FleetView(config, drivers);
        controller = new SiteController(config, clock, book, view, new MinerCommands(drivers, metrics, clock, config),
                otherLoad, poller, metrics);
        view.sampleAll();
    }

    private static RegisterSpec spec(String name, int address, double scale) {
        return new RegisterSpec(name, address, RegisterType.HOLDING, DataType.FLOAT32, WordOrder.BIG_ENDIAN, scale);
    }

    @AfterEach
    void stop() {
        if (poller != null) {
            poller.stop();
            meter.close();
            fleet.close();
        }
    }

    @Test
    void shedsMiningDuringTheDataCentresSpikesAndBringsItBackBetweenThem() {
        start(new DataCentreProfile(60, 30, Duration.ofSeconds(4), Duration.ofSeconds(10), 7), 1);
        // In a spike the data centre takes 84-90 kW of the 100: 14-20 kW of mining must give way (5-7 miners).
        stepUntil(() -> meter.read().dataCentreKw() > 80 && asleep() >= 5 && meter.read().siteKw() <= LIMIT_KW);
        assertThat(poller.fresh()).isPresent();
        // Between spikes (60 kW) all of mining fits again, and comes back.
        stepUntil(() -> meter.read().dataCentreKw() < 65 && asleep() == 0);
        assertThat(meter.read().siteKw()).isLessThanOrEqualTo(LIMIT_KW);
    }

    /**
     * The meter here reads the mining load 20 % below what the miners say they draw (a real spread between meters and
     * miners' own figures). The miners' readings say four stopped miners cover the 11 kW asked for; the meter sees
     * 9.6 kW, so the agent stops a fifth, and the SHED acknowledgement states what the meter saw once the miners
     * settled, not what their own readings claim.
     */
    @Test
    void theMeterHasTheLastWordOnAShedAndItsAcknowledgement() {
        start(new DataCentreProfile(60, 0, Duration.ZERO, Duration.ofMinutes(1), 7), 0.8);
        stepUntil(() -> poller.fresh().isPresent());
        steps(3);
        Instant now = Instant.now();
        book.offer(Schedules.schedule("dc-site", 1, now,
                Schedules.segment(now, now.plusSeconds(60), Schedules.event("vtn/ev-1", 11))));
        stepUntil(() -> acks(Status.SHED).size() == 1);

        ScheduleAck shed = acks(Status.SHED).getFirst();
        double perMinerKw = (MinerModel.S19XP.runningWatts() - MinerModel.S19XP.sleepWatts()) / 1000;
        assertThat(asleep()).as("miners the meter needed").isEqualTo(5);
        assertThat(shed.shedKw()).as(shed.reason()).isCloseTo(0.8 * 5 * perMinerKw, within(0.3))
                .isGreaterThanOrEqualTo(11);
        assertThat(shed.reason()).contains("metered").doesNotContain("short of the target");
    }

    private List<ScheduleAck> acks(Status status) {
        return acksOut.acks(status);
    }

    private void steps(int count) {
        for (int i = 0; i < count; i++) {
            controller.step(Instant.now());
            view.sampleAll();
            pause(100);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long asleep() {
        return fleet.miners().stream().filter(m -> !m.isAwake()).count();
    }

    private void stepUntil(BooleanSupplier done) {
        SiteControllers.stepUntil(controller, view, done);
    }
}
