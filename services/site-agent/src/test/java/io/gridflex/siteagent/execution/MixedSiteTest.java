package io.gridflex.siteagent.execution;

import static io.gridflex.siteagent.Schedules.event;
import static io.gridflex.siteagent.Schedules.schedule;
import static io.gridflex.siteagent.Schedules.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleAck;
import io.gridflex.messages.ScheduleAck.Status;
import io.gridflex.minersim.fleet.Firmware;
import io.gridflex.minersim.fleet.Misbehaviour;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.power.MinerModel;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.RecordingLink;
import io.gridflex.siteagent.SiteLogins;
import io.gridflex.siteagent.TestDrivers;
import io.gridflex.siteagent.TestSiteConfig;
import io.gridflex.siteagent.meter.MeterPoller;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerCommands;
import io.gridflex.siteagent.miner.MinerDrivers;
import io.gridflex.siteagent.schedule.AckPublisher;
import io.gridflex.siteagent.schedule.ScheduleBook;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The controller shedding a site of every firmware, each miner on its own loopback address, with a few bad miners
 * among them: one that hangs, one that answers garbage, one that accepts a sleep and keeps drawing. None of them
 * delays the others or a cancel, and the one that lies is replaced.
 */
class MixedSiteTest {

    private static final int HTTP_PORT = 18080;

    @TempDir
    Path dir;

    private final MessageCodec codec = new MessageCodec();
    private final RecordingLink acksOut = new RecordingLink();
    private final SiteLogins secrets = SiteLogins.madeUp();
    private SimulatedFleet fleet;
    private ScheduleBook book;
    private FleetView view;
    private SiteController controller;
    private TestSiteConfig config;

    @BeforeEach
    void start() {
        Map<Firmware, Integer> mix = new LinkedHashMap<>();
        mix.put(Firmware.LUXOS, 16);
        mix.put(Firmware.BRAIINS, 8);
        mix.put(Firmware.WHATSMINER, 8);
        mix.put(Firmware.BOSMINER, 4);
        mix.put(Firmware.ANTMINER, 4);
        mix.put(Firmware.CGMINER, 2);
        String base = "127." + ThreadLocalRandom.current().nextInt(30, 250) + "."
                + ThreadLocalRandom.current().nextInt(0, 250) + ".1";
        fleet = secrets.on(SimulatedFleet.builder("mixed-site").model(MinerModel.S19XP).firmwares(mix)
                .addressPerMiner(base).firmwarePort(Firmware.BRAIINS, HTTP_PORT)
                .firmwarePort(Firmware.ANTMINER, HTTP_PORT).noise(0).sleepRamp(Duration.ofMillis(200))
                .warmUp(Duration.ofMillis(300))).start();
        List<String> inventory = fleet.addresses().stream().map(a -> a.firmware().name().toLowerCase() + "://"
                + a.endpoint() + (a.firmware() == Firmware.ANTMINER ? "?nominal-w=3010" : "")).toList();
        config = new TestSiteConfig("mixed-site", 1000, inventory, dir.resolve("state.json"));
        startAgent();
    }

    /** Starts an agent on the site's state file: a restarted one carries on with what its predecessor held. */
    private void startAgent() {
        Clock clock = Clock.systemUTC();
        MinerDrivers drivers = TestDrivers.every(config, clock, secrets.logins());
        AgentMetrics metrics = new AgentMetrics(new SimpleMeterRegistry());
        book = new ScheduleBook(config, clock, new AckPublisher(acksOut, codec, metrics), metrics);
        view = new FleetView(config, drivers);
        controller = new SiteController(config, clock, book, view, new MinerCommands(drivers, metrics, clock, config),
                new OtherLoad(), MeterPoller.none(clock), metrics);
        view.sampleAll();
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void badMinersDelayNeitherTheShedNorACancelAndALiarIsReplaced() {
        // Misbehaving from now on, after the agent has seen them hashing: each may be picked.
        SimulatedMiner hangs = fleet.miner(0);
        SimulatedMiner lies = fleet.miner(16);
        SimulatedMiner garbles = fleet.miner(24);
        hangs.setMisbehaviour(Misbehaviour.HANG);
        lies.setMisbehaviour(Misbehaviour.IGNORE_SHED);
        garbles.setMisbehaviour(Misbehaviour.GARBAGE);
        List<SimulatedMiner> bad = List.of(hangs, lies, garbles);
        List<SimulatedMiner> cgminers = fleet.miners().stream()
                .filter(m -> m.firmware() == Firmware.CGMINER).toList();
        List<SimulatedMiner> good = fleet.miners().stream()
                .filter(m -> !bad.contains(m) && !cgminers.contains(m)).toList();

        // Every miner that can shed is needed, bad ones included: 37 good ones remove 110.6 kW. The last pick may be
        // trimmed rather than put to sleep, since the plan counts on the bad ones too.
        Instant t = Instant.now().minusSeconds(1);
        book.offer(schedule("mixed-site", 1, Instant.now(), segment(t, t.plusSeconds(600), event("ev-mix", 118))));
        stepUntil(() -> good.stream().allMatch(m -> !m.isAwake() || trimmed(m)));
        assertThat(good).filteredOn(MixedSiteTest::trimmed).hasSizeLessThanOrEqualTo(1);
        assertThat(acks(Status.SHED)).as("the hung miner's command is still out").isEmpty();
        assertThat(cgminers).as("read-only miners are never picked").allMatch(SimulatedMiner::isAwake);

        // A cancel while the hung miner's command is out: the restore starts without waiting for it.
        book.offer(schedule("mixed-site", 2, Instant.now()));
        stepUntil(() -> !acks(Status.RESTORING).isEmpty());
        stepUntil(() -> good.stream().allMatch(m -> m.isAwake() && !trimmed(m)) && !acks(Status.RESTORED).isEmpty());
        assertThat(hangs.isAwake()).isTrue();
    }

    private static boolean trimmed(SimulatedMiner miner) {
        return miner.isAwake() && miner.powerLevelW() < MinerModel.S19XP.runningWatts() - 1;
    }

    @Test
    void aMinerThatAcceptsASleepAndKeepsDrawingIsReplaced() {
        SimulatedMiner lies = fleet.miner(16);
        // The biggest draw of the site, so the planner picks it first.
        lies.setPowerLevel(3300);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            view.sampleAll();
            return view.status(io.gridflex.siteagent.miner.MinerEndpoint.parse(fleet.address(16).endpoint()))
                    .powerW() > 3200;
        });
        lies.setMisbehaviour(Misbehaviour.IGNORE_SHED);
        double before = fleet.powerW();
        Instant t = Instant.now().minusSeconds(1);
        // 30 kW: ten miners, the liar first.
        book.offer(schedule("mixed-site", 1, Instant.now(), segment(t, t.plusSeconds(600), event("ev-lie", 30))));
        stepUntil(() -> !acks(Status.SHED).isEmpty());

        assertThat(lies.curtailLog()).extracting(e -> e.action()).contains("sleep-ignored");
        assertThat(lies.isAwake()).isTrue();
        assertThat(acks(Status.SHED).getFirst().reason()).contains(fleet.address(16).endpoint() + " still drew");
        // What the ack reports is really off the site: the liar was replaced by a miner that did stop.
        assertThat(before - fleet.powerW()).isGreaterThanOrEqualTo(30_000 - 1);
        assertThat(acks(Status.SHED).getFirst().shedKw()).isGreaterThanOrEqualTo(30);
    }

    /**
     * 10 kW from a site of 3 kW miners: three whole miners take off 8.96 kW, and a fourth would overshoot by 1.9 kW.
     * Instead one miner whose firmware takes an exact power target is trimmed by the remaining 1.04 kW, so the site
     * sheds what it was asked. An agent restarted while it holds the trim knows it from its state, and sets that
     * miner back to its full draw when the event is cancelled.
     */
    @Test
    void theLastKilowattsAreTrimmedByAPowerTargetAndARestartedAgentBringsTheTrimmedMinerBack() {
        double before = fleet.powerW();
        Instant t = Instant.now().minusSeconds(1);
        book.offer(schedule("mixed-site", 1, Instant.now(), segment(t, t.plusSeconds(600), event("ev-trim", 10))));
        stepUntil(() -> !acks(Status.SHED).isEmpty());

        List<SimulatedMiner> trimmed = fleet.miners().stream()
                .filter(m -> m.isAwake() && m.powerLevelW() < MinerModel.S19XP.runningWatts() - 1).toList();
        assertThat(asleep()).isEqualTo(3);
        assertThat(trimmed).extracting(m -> m.firmware() + " at " + Math.round(m.powerLevelW()) + " W").hasSize(1)
                .allMatch(m -> m.startsWith("BRAIINS"));
        assertThat(trimmed.getFirst().powerLevelW()).isBetween(0.5 * MinerModel.S19XP.runningWatts(),
                MinerModel.S19XP.runningWatts() - 1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> before - fleet.powerW() >= 10_000 - 1);
        assertThat(before - fleet.powerW()).as("shed, not one whole miner more").isLessThan(10_300);
        ScheduleAck shed = acks(Status.SHED).getFirst();
        assertThat(shed.reason()).contains("1 trimmed");
        assertThat(shed.shedKw()).isBetween(9.9, 10.3);

        // A new agent on the same state: it knows the trim, and brings the miner back to its full draw.
        startAgent();
        book.offer(schedule("mixed-site", 2, Instant.now()));
        stepUntil(() -> asleep() == 0 && !acks(Status.RESTORED).isEmpty());
        assertThat(trimmed.getFirst().powerLevelW()).isGreaterThanOrEqualTo(MinerModel.S19XP.runningWatts());
        await().atMost(Duration.ofSeconds(10)).until(() -> fleet.powerW() >= before - 1);
    }

    /**
     * The same 10 kW with the miners that take an exact target or a share out of reach: the last kilowatts go to a
     * LuxOS profile, the highest rated at or below the trim's target (340MHz, 1881 W, where 1970 W was asked), with
     * its thermal manager off so that it stays there. Cancelled, the miner is back on its own profile, its thermal
     * manager on again.
     */
    @Test
    void withoutExactTargetsTheLastKilowattsGoToALuxosProfileAndComeBackToTheMinersOwn() {
        fleet.miners().stream().filter(m -> m.firmware() == Firmware.BRAIINS || m.firmware() == Firmware.WHATSMINER)
                .forEach(m -> m.setApiOffline(true));
        view.sampleAll();
        double before = fleet.powerW();
        Instant t = Instant.now().minusSeconds(1);
        book.offer(schedule("mixed-site", 1, Instant.now(), segment(t, t.plusSeconds(600), event("ev-profile", 10))));
        stepUntil(() -> !acks(Status.SHED).isEmpty());

        List<SimulatedMiner> trimmed = fleet.miners().stream()
                .filter(m -> m.isAwake() && m.powerLevelW() < MinerModel.S19XP.runningWatts() - 1).toList();
        assertThat(asleep()).isEqualTo(3);
        assertThat(trimmed).extracting(m -> m.firmware() + " " + m.profile()).containsExactly("LUXOS 340MHz");
        assertThat(trimmed.getFirst().atmEnabled()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> before - fleet.powerW() >= 10_000 - 1);
        assertThat(before - fleet.powerW()).as("a profile step more at most, not a miner").isLessThan(10_300);
        ScheduleAck shed = acks(Status.SHED).getFirst();
        assertThat(shed.reason()).contains("1 trimmed");
        assertThat(shed.shedKw()).isBetween(9.9, 10.3);

        book.offer(schedule("mixed-site", 2, Instant.now()));
        stepUntil(() -> asleep() == 0 && !acks(Status.RESTORED).isEmpty());
        assertThat(trimmed.getFirst().profile()).isEqualTo("default");
        assertThat(trimmed.getFirst().atmEnabled()).isTrue();
        assertThat(trimmed.getFirst().powerLevelW()).isEqualTo(MinerModel.S19XP.runningWatts());
        await().atMost(Duration.ofSeconds(10)).until(() -> fleet.powerW() >= before - 1);
    }

    private long asleep() {
        return fleet.miners().stream().filter(m -> !m.isAwake()).count();
    }

    private void stepUntil(BooleanSupplier done) {
        SiteControllers.stepUntil(controller, view, done);
    }

    private List<ScheduleAck> acks(Status status) {
        return acksOut.acks(status);
    }
}
