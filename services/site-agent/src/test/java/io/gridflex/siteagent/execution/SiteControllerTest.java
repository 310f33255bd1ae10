package io.gridflex.siteagent.execution;

import static io.gridflex.siteagent.Schedules.cap;
import static io.gridflex.siteagent.Schedules.event;
import static io.gridflex.siteagent.Schedules.schedule;
import static io.gridflex.siteagent.Schedules.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleAck;
import io.gridflex.messages.ScheduleAck.Status;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.minersim.fleet.CurtailEvent;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.power.MinerModel;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.ConfigOverrides;
import io.gridflex.siteagent.RecordingLink;
import io.gridflex.siteagent.ShiftableClock;
import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.TestDrivers;
import io.gridflex.siteagent.TestSiteConfig;
import io.gridflex.siteagent.meter.MeterPoller;
import io.gridflex.siteagent.miner.FleetView;
import io.gridflex.siteagent.miner.MinerCommands;
import io.gridflex.siteagent.miner.MinerDrivers;
import io.gridflex.siteagent.schedule.AckPublisher;
import io.gridflex.siteagent.schedule.AgentState;
import io.gridflex.siteagent.schedule.HeldMiner;
import io.gridflex.siteagent.schedule.ScheduleBook;
import io.gridflex.siteagent.schedule.ScheduleLedger;
import io.gridflex.siteagent.schedule.SegmentProgress;
import io.gridflex.siteagent.schedule.StateFile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The controller driving four simulated S19 XP miners (3010 W each, 2990 W off when asleep) over TCP, wired by hand
 * so each test can start it from a given persisted state, as a restarted pod would, and run its steps one by one.
 * The agent's clock is shifted to jump from segment to segment; the miners still take their real time to stop and
 * warm up.
 */
class SiteControllerTest {

    private static final String SITE = "ctl-site";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final ShiftableClock clock = new ShiftableClock();
    private final MessageCodec codec = new MessageCodec();
    private final RecordingLink acksOut = new RecordingLink();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DoubleAccumulator maxFleetW = new DoubleAccumulator(Math::max, 0);
    private SimulatedFleet fleet;
    private SiteConfig config;
    private ScheduleBook book;
    private FleetView view;
    private SiteController controller;
    private long revision;
    private final OtherLoad otherLoad = new OtherLoad();

    @BeforeEach
    void startFleet() {
        fleet = SimulatedFleet.builder(SITE).model(MinerModel.S19XP).count(4).noise(0)
                .sleepRamp(Duration.ofMillis(200)).warmUp(Duration.ofMillis(300)).start();
        config = new TestSiteConfig(SITE, 100, fleet.endpoints(), dir.resolve("state.json"));
    }

    @AfterEach
    void stopFleet() {
        fleet.close();
    }

    private void startAgent() {
        AgentMetrics metrics = new AgentMetrics(registry);
        book = new ScheduleBook(config, clock, new AckPublisher(acksOut, codec, metrics), metrics);
        MinerDrivers drivers = TestDrivers.of(config, clock);
        view = new FleetView(config, drivers);
        controller = new SiteController(config, clock, book, view, new MinerCommands(drivers, metrics, clock, config),
                otherLoad, MeterPoller.none(clock), metrics);
        view.sampleAll();
    }

    private SiteSchedule send(io.gridflex.messages.ScheduleSegment... segments) {
        SiteSchedule schedule = schedule(SITE, ++revision, clock.instant(), segments);
        book.offer(schedule);
        return schedule;
    }

    /** Runs control steps, reading the miners between them as the meter would, until {@code done}. */
    private void stepUntil(BooleanSupplier done) {
        await().atMost(PATIENCE).until(() -> {
            controller.step(clock.instant());
            view.sampleAll();
            maxFleetW.accumulate(fleet.powerW());
            return done.getAsBoolean();
        });
    }

    private void steps(int count) {
        for (int i = 0; i < count; i++) {
            controller.step(clock.instant());
            view.sampleAll();
        }
    }

    private List<ScheduleAck> acks() {
        return acksOut.payloads().stream().map(p -> codec.decode(ScheduleAck.class, p)).toList();
    }

    private boolean acked(Status status, Instant segmentStart) {
        return acks().stream().anyMatch(a -> a.status() == status && segmentStart.equals(a.segmentStart()));
    }

    private List<ScheduleAck> acks(Status status) {
        return acks().stream().filter(a -> a.status() == status).toList();
    }

    private long curtails(String action) {
        return fleet.miners().stream().flatMap(m -> m.curtailLog().stream()).filter(e -> e.action().equals(action))
                .count();
    }

    private long asleep() {
        return fleet.miners().stream().filter(m -> !m.isAwake()).count();
    }

    @Test
    void theStepBeforeASegmentAsksForTheNextJustAfterItsStartAndItsEnd() {
        startAgent();
        assertThat(controller.step(clock.instant())).as("no schedule: the control interval")
                .isEqualTo(config.controlInterval());
        Instant t = clock.instant().plusSeconds(600);
        send(segment(t, t.plusSeconds(10), event("ev-a", 5)));
        clock.jumpTo(t.minusMillis(100));

        Duration next = controller.step(clock.instant());
        assertThat(next).as("just after the start, not a whole interval later")
                .isLessThanOrEqualTo(Duration.ofMillis(101)).isPositive();
        assertThat(curtails("sleep")).isZero();
        clock.jumpTo(t.plusMillis(1));
        controller.step(clock.instant());
        await().atMost(PATIENCE).until(() -> curtails("sleep") > 0);

        clock.jumpTo(t.plusMillis(9_950));
        assertThat(controller.step(clock.instant())).as("just after the end")
                .isLessThanOrEqualTo(Duration.ofMillis(51));
    }

    @Test
    void aShedPlannedAheadGoesOutAtItsStartPassingOverAMinerThatFellAsleepMeanwhileAndThePlannerAddsTheRest() {
        startAgent();
        Instant t = clock.instant().plusSeconds(600);
        send(segment(t, t.plusSeconds(10), event("ev-a", 5)));
        clock.jumpTo(t.minusSeconds(5));
        steps(1);
        assertThat(curtails("sleep")).as("planned and got ready ahead, nothing stopped yet").isZero();

        // Before the start one miner falls asleep by hand (planned or not): it is asleep, and no longer a candidate.
        SimulatedMiner byHand = fleet.miners().getFirst();
        byHand.sleep();
        view.sampleAll();
        clock.jumpTo(t.plusMillis(1));
        controller.step(clock.instant());

        // 5 kW is one whole miner (2.99 kW) and 2.01 kW more: the plan made ahead sends the whole one at once,
        // passing over the miner asleep by hand; the planner then chooses the rest in the same step.
        assertThat(shedCommands("ahead")).isEqualTo(1);
        assertThat(shedCommands("step")).isEqualTo(1);
        stepUntil(() -> acked(Status.SHED, t));
        assertThat(byHand.curtailLog()).as("the miner asleep by hand got no command").hasSize(1);
        ScheduleAck shed = acks(Status.SHED).getFirst();
        assertThat(shed.shedKw()).isGreaterThanOrEqualTo(5.0);
        assertThat(book.view().held()).hasSize(2).noneMatch(h -> h.endpoint().equals(endpointOf(byHand)));
    }

    @Test
    void aShedIsPlannedAgainHalfwayWithWhatTheMinersSaidSince() {
        startAgent();
        Instant t = clock.instant().plusSeconds(600);
        send(segment(t, t.plusSeconds(10), event("ev-a", 8)));
        List<SimulatedMiner> byHand = fleet.miners().subList(1, 4);
        byHand.forEach(SimulatedMiner::sleep);
        view.sampleAll();
        clock.jumpTo(t.minusSeconds(10));
        steps(1);

        // Planned with one miner hashing; then the other three hash again and are read.
        byHand.forEach(SimulatedMiner::wakeUp);
        await().atMost(PATIENCE).until(() -> fleet.miners().stream().allMatch(m -> m.hashrateThs() > 100));
        view.sampleAll();
        clock.jumpTo(t.minusMillis(4_900));
        steps(1);
        clock.jumpTo(t.plusMillis(1));
        controller.step(clock.instant());

        // 8 kW: two whole miners (5.98 kW) from the plan made again at 5 s, the third (the rest) from the planner; the
        // first plan alone had one miner.
        assertThat(shedCommands("ahead")).isEqualTo(2);
        assertThat(shedCommands("step")).isEqualTo(1);
        stepUntil(() -> acked(Status.SHED, t));
        assertThat(acks(Status.SHED).getFirst().shedKw()).isGreaterThanOrEqualTo(8.0);
    }

    private double shedCommands(String plan) {
        var counter = registry.find("gridflex.site.shed.commands").tag("plan", plan).counter();
        return counter == null ? 0 : counter.count();
    }

    private String endpointOf(SimulatedMiner miner) {
        return fleet.endpoints().get(fleet.miners().indexOf(miner));
    }

    @Test
    void aStoppedMinerSleepingAboveItsExpectedDrawCountsOnceItsDrawNoLongerFallsAndTheAckStatesWhereItEnded() {
        // The agent expects 2 W asleep; the miners keep 18 W and take 3 s to get there: they are confirmed when their
        // draw stops falling, not at the first reading under 5 % of their draw (a point on the ramp down), nor never.
        fleet.close();
        fleet = SimulatedFleet.builder(SITE).model(MinerModel.S19XP).count(4).noise(0).sleepRamp(Duration.ofSeconds(3))
                .warmUp(Duration.ofMillis(300)).start();
        config = ConfigOverrides.override(SiteConfig.class,
                new TestSiteConfig(SITE, 100, fleet.endpoints(), dir.resolve("state.json")),
                Map.of("miner", ConfigOverrides.override(SiteConfig.Miner.class, config.miner(),
                        Map.of("sleepW", 2.0))));
        startAgent();
        Instant t = clock.instant().plusSeconds(600);
        send(segment(t, t.plusSeconds(60), event("ev-a", 5)));
        clock.jumpTo(t.plusSeconds(1));

        stepUntil(() -> acked(Status.SHED, t));

        ScheduleAck shed = acks(Status.SHED).getFirst();
        assertThat(shed.reason()).startsWith("2 miners stopped").doesNotContain("still drew");
        double perMinerKw = (MinerModel.S19XP.runningWatts() - MinerModel.SLEEP_WATTS) / 1000;
        assertThat(shed.shedKw()).as("both miners' whole ramp down: %s", shed.reason()).isCloseTo(2 * perMinerKw,
                within(0.001));
    }

    @Test
    void aRestoreWaitsItsSitesOwnDelayBeforeTheFirstStage() {
        config = ConfigOverrides.override(SiteConfig.class, config, Map.of("restore", ConfigOverrides.override(
                SiteConfig.Restore.class, config.restore(), Map.of("startJitter", Duration.ofSeconds(60)))));
        startAgent();
        Instant t = clock.instant().plusSeconds(600);
        send(segment(t, t.plusSeconds(10), event("ev-a", 5)));
        clock.jumpTo(t.plusSeconds(1));
        stepUntil(() -> acked(Status.SHED, t));

        clock.jumpTo(t.plusSeconds(10));
        stepUntil(() -> acked(Status.RESTORING, t));
        steps(5);
        assertThat(curtails("wakeup")).as("nothing comes back before the site's delay").isZero();

        clock.jumpTo(t.plusSeconds(10 + 61));
        stepUntil(() -> acked(Status.RESTORED, t));
        assertThat(fleet.miners()).allMatch(SimulatedMiner::isAwake);
    }

    @Test
    void chainedSegmentsStopOnlyTheIncrementAndRestoreOnlyTheSurplus() {
        startAgent();
        Instant t = clock.instant().plusSeconds(600);
        send(segment(t, t.plusSeconds(10), event("ev-a", 5)),
                segment(t.plusSeconds(10), t.plusSeconds(20), event("ev-a", 5), event("ev-b", 3)),
                segment(t.plusSeconds(20), t.plusSeconds(30), event("ev-b", 2.5)));
        steps(3);
        assertThat(curtails("sleep")).as("nothing before the first segment").isZero();

        clock.jumpTo(t.plusSeconds(1));
        stepUntil(() -> acked(Status.SHED, t));
        assertThat(asleep()).isEqualTo(2);

        clock.jumpTo(t.plusSeconds(11));
        stepUntil(() -> acked(Status.SHED, t.plusSeconds(10)));
        assertThat(curtails("sleep")).as("only the increment is stopped").isEqualTo(3);
        assertThat(curtails("wakeup")).isZero();

        clock.jumpTo(t.plusSeconds(21));
        stepUntil(() -> acked(Status.RESTORED, t.plusSeconds(10)));
        assertThat(asleep()).as("only the surplus comes back").isEqualTo(1);
        assertThat(curtails("wakeup")).isEqualTo(2);
        assertThat(book.view().held()).hasSize(1);

        clock.jumpTo(t.plusSeconds(31));
        stepUntil(() -> acked(Status.RESTORED, t.plusSeconds(20)));
        assertThat(fleet.miners()).allMatch(SimulatedMiner::isAwake);
        assertThat(curtails("sleep")).isEqualTo(3);
        assertThat(curtails("wakeup")).isEqualTo(3);
        assertThat(book.view().held()).isEmpty();

        assertThat(acks()).extracting(ScheduleAck::status, ScheduleAck::segmentStart, ScheduleAck::targetKw)
                .containsExactly(
                        tuple(Status.ACCEPTED, null, 0.0),
                        tuple(Status.SHED, t, 5.0),
                        tuple(Status.SHED, t.plusSeconds(10), 8.0),
                        tuple(Status.RESTORING, t.plusSeconds(10), 8.0),
                        tuple(Status.SHED, t.plusSeconds(20), 2.5),
                        tuple(Status.RESTORED, t.plusSeconds(10), 8.0),
                        tuple(Status.RESTORING, t.plusSeconds(20), 2.5),
                        tuple(Status.RESTORED, t.plusSeconds(20), 2.5));
        List<ScheduleAck> sheds = acks(Status.SHED);
        assertThat(sheds.get(0).shedKw()).isGreaterThanOrEqualTo(5.0);
        assertThat(sheds.get(0).reason()).startsWith("2 miners stopped, 0 trimmed (2 held)");
        assertThat(sheds.get(1).shedKw()).isGreaterThanOrEqualTo(8.0);
        assertThat(sheds.get(1).reason()).startsWith("1 miners stopped, 0 trimmed (3 held)");
        assertThat(sheds.get(1).eventIds()).containsExactly("ev-a", "ev-b");
        assertThat(sheds.get(2).reason()).startsWith("no miner stopped");
        assertThat(acks(Status.RESTORED).getFirst().shedKw()).isBetween(2.5, 3.0);
        assertThat(acks(Status.RESTORED).getLast().shedKw()).isZero();
    }

    @Test
    void anImportCapStopsWhatTheSiteDrawsAboveItAndBoundsTheRestore() {
        startAgent();
        Instant t = clock.instant().plusSeconds(600);
        // 8 kW off (three miners asleep), then a cap of 7 kW: two miners suffice, the third may come back.
        send(segment(t, t.plusSeconds(10), event("ev-a", 8)),
                segment(t.plusSeconds(10), t.plusSeconds(20), cap("ev-cap", 7)));

        clock.jumpTo(t.plusSeconds(1));
        stepUntil(() -> acked(Status.SHED, t));
        assertThat(asleep()).isEqualTo(3);

        clock.jumpTo(t.plusSeconds(11));
        maxFleetW.reset();
        stepUntil(() -> acked(Status.RESTORED, t));
        assertThat(asleep()).isEqualTo(2);
        assertThat(maxFleetW.get()).isLessThanOrEqualTo(7000);
        ScheduleAck capShed = acks(Status.SHED).getLast();
        assertThat(capShed.segmentStart()).isEqualTo(t.plusSeconds(10));
        // 4 x 3010 W would be 12.04 kW: 5.04 kW must stay off.
        assertThat(capShed.targetKw()).isEqualTo(5.04);
        assertThat(capShed.reason()).contains("import cap 7.0 kW");

        clock.jumpTo(t.plusSeconds(21));
        stepUntil(() -> acked(Status.RESTORED, t.plusSeconds(10)));
        assertThat(fleet.miners()).allMatch(SimulatedMiner::isAwake);
        assertThat(curtails("sleep")).isEqualTo(3);
    }

    @Test
    void aCapTheSiteAlreadyMeetsStopsNothing() {
        startAgent();
        Instant t = clock.instant().plusSeconds(600);
        send(segment(t, t.plusSeconds(10), cap("ev-cap", 50)));

        clock.jumpTo(t.plusSeconds(1));
        stepUntil(() -> acked(Status.SHED, t));

        assertThat(curtails("sleep")).isZero();
        assertThat(acks(Status.SHED).getFirst().targetKw()).isZero();
    }

    @Test
    void aFutureSegmentAddedMidSegmentDoesNotTouchThePresent() {
        startAgent();
        Instant t = clock.instant().minusSeconds(1);
        send(segment(t, t.plusSeconds(600), event("ev-a", 5)));
        stepUntil(() -> acked(Status.SHED, t));
        List<List<CurtailEvent>> logs = fleet.miners().stream().map(SimulatedMiner::curtailLog).toList();
        int acksBefore = acks().size();

        // Another event announced for later, then one that overlaps the rest of the present segment: the present
        // keeps its start and its target, only its end moves.
        send(segment(t, t.plusSeconds(600), event("ev-a", 5)),
                segment(t.plusSeconds(1000), t.plusSeconds(1200), event("ev-b", 3)));
        steps(5);
        SiteSchedule third = send(segment(t, t.plusSeconds(300), event("ev-a", 5)),
                segment(t.plusSeconds(300), t.plusSeconds(600), event("ev-a", 5), event("ev-b", 3)));
        steps(5);

        assertThat(fleet.miners().stream().map(SimulatedMiner::curtailLog).toList()).isEqualTo(logs);
        assertThat(acks().subList(acksBefore, acks().size())).extracting(ScheduleAck::status, ScheduleAck::revision)
                .containsExactly(tuple(Status.ACCEPTED, 2L), tuple(Status.ACCEPTED, 3L));
        SegmentProgress present = new StateFile(config.stateFile()).load().present();
        assertThat(present.shed()).isTrue();
        assertThat(present.revision()).isEqualTo(third.revision());
        assertThat(present.end()).isEqualTo(t.plusSeconds(300));
    }

    @Test
    void aLoweredTargetInThePresentSegmentRestoresOnlyTheDifference() {
        startAgent();
        Instant t = clock.instant().minusSeconds(1);
        send(segment(t, t.plusSeconds(600), event("ev-a", 2.5), event("ev-b", 5)));
        stepUntil(() -> acked(Status.SHED, t));
        assertThat(asleep()).isEqualTo(3);

        // ev-b is cancelled: the same segment, now for ev-a alone.
        send(segment(t, t.plusSeconds(600), event("ev-a", 2.5)));
        stepUntil(() -> acked(Status.RESTORED, t));

        assertThat(asleep()).isEqualTo(1);
        assertThat(curtails("sleep")).isEqualTo(3);
        assertThat(acks().subList(3, acks().size()))
                .extracting(ScheduleAck::status, ScheduleAck::revision, ScheduleAck::targetKw)
                .containsExactly(tuple(Status.RESTORING, 1L, 7.5), tuple(Status.SHED, 2L, 2.5),
                        tuple(Status.RESTORED, 1L, 7.5));
        assertThat(acks(Status.SHED).getLast().eventIds()).containsExactly("ev-a");
        assertThat(acks(Status.RESTORING).getFirst().reason()).contains("revision 2 lowers it");
    }

    @Test
    void anEmptyScheduleRestoresTheSite() {
        startAgent();
        Instant t = clock.instant().minusSeconds(1);
        send(segment(t, t.plusSeconds(600), event("ev-a", 5)));
        stepUntil(() -> acked(Status.SHED, t));

        send();
        stepUntil(() -> acked(Status.RESTORED, t));

        assertThat(fleet.miners()).allMatch(SimulatedMiner::isAwake);
        assertThat(acks(Status.RESTORING).getFirst().reason()).contains("revision 2 no longer asks for it");
        assertThat(book.view().present()).isNull();
    }

    /** Writes the state a previous agent left: revision 1 in force and acknowledged, miners 0 and 1 asleep, held. */
    private void persistShedInProgress(Instant start, Instant end) {
        SiteSchedule schedule = schedule(SITE, 1, start, segment(start, end, event("ev-a", 5)));
        ScheduleLedger previous = new ScheduleLedger(SITE, Duration.ofSeconds(5));
        previous.offer(schedule, start);
        SegmentProgress present = SegmentProgress.begin(1, schedule.segments().getFirst(), start);
        previous.moveTo(present);
        previous.markShed(present, 5);
        for (int i = 0; i < 2; i++) {
            fleet.miner(i).sleep();
            previous.hold(new HeldMiner(fleet.endpoint(i), 3010, start, null));
        }
        new StateFile(config.stateFile()).save(previous.snapshot());
        revision = 1;
    }

    @Test
    void aRestartedAgentKeepsExecutingTheSegmentInForce() {
        Instant now = clock.instant();
        persistShedInProgress(now.minusSeconds(30), now.plusSeconds(600));

        startAgent();
        steps(5);

        assertThat(book.view().revision()).isEqualTo(1);
        assertThat(fleet.miner(0).isAwake()).isFalse();
        assertThat(fleet.miner(1).isAwake()).isFalse();
        // Nothing stopped twice, nothing else stopped, nothing re-acknowledged.
        assertThat(fleet.miners()).allSatisfy(m -> assertThat(m.curtailLog()).hasSizeLessThanOrEqualTo(1));
        assertThat(fleet.miner(2).isAwake()).isTrue();
        assertThat(fleet.miner(3).isAwake()).isTrue();
        assertThat(acks()).isEmpty();
    }

    @Test
    void aRestartedAgentWhoseSegmentEndedMeanwhileRestoresTheSite() {
        Instant now = clock.instant();
        persistShedInProgress(now.minusSeconds(600), now.minusSeconds(5));

        startAgent();
        stepUntil(() -> !acks(Status.RESTORED).isEmpty());

        assertThat(acks()).extracting(ScheduleAck::status).containsExactly(Status.RESTORING, Status.RESTORED);
        assertThat(acks().getFirst().reason()).startsWith("segment ended");
        assertThat(fleet.miners()).allMatch(SimulatedMiner::isAwake);
        AgentState persisted = new StateFile(config.stateFile()).load();
        assertThat(persisted.present()).isNull();
        assertThat(persisted.held()).isEmpty();
        assertThat(persisted.restoring()).isEmpty();
    }

    @Test
    void keepsTheSiteUnderItsImportLimitAsTheDataCentreSpikesAndUnderAnEventsLowerCap() {
        // Whole miners, so that the steps below can be counted in miners asleep.
        config = new TestSiteConfig(SITE, 100, fleet.endpoints(), dir.resolve("state.json")).withPowerTargetFloor(1);
        startAgent();
        // The site may import 100 kW; its four miners draw 12.04 kW. A data-centre spike to 95 kW needs 7.04 kW off.
        otherLoad.update(95_000, clock.instant());
        stepUntil(() -> asleep() == 3 && 95_000 + fleet.powerW() <= 100_000);
        assertThat(acks()).as("no schedule, no ack: the limit is the site's own").isEmpty();

        // The spike passes: mining comes back in stages, as far as the limit allows.
        otherLoad.update(80_000, clock.instant());
        stepUntil(() -> asleep() == 0 && book.view().held().isEmpty());
        assertThat(maxFleetW.get()).isLessThanOrEqualTo(20_000);

        // A DR event lowers the cap to 90 kW for its duration: 80 + 12.04 - 90 = 2.04 kW off, one miner.
        Instant t = clock.instant().minusSeconds(1);
        send(segment(t, t.plusSeconds(600), cap("ev-cap", 90)));
        stepUntil(() -> asleep() == 1 && !acks(Status.SHED).isEmpty());
        assertThat(acks(Status.SHED).getFirst().targetKw()).isCloseTo(2.04, within(0.05));
    }

    @Test
    void withAPeakWindowMiningFollowsTheDataCentresRecentPeakNotItsDips() {
        config = ConfigOverrides.override(SiteConfig.class, new TestSiteConfig(SITE, 100, fleet.endpoints(),
                dir.resolve("state.json")).withPowerTargetFloor(1),
                Map.of("otherLoadPeakWindow", Duration.ofMinutes(5)));
        startAgent();
        otherLoad.update(95_000, clock.instant());
        stepUntil(() -> asleep() == 3 && 95_000 + fleet.powerW() <= 100_000);

        // The spike passes; within the window it may come back at once, so its import stays free.
        otherLoad.update(80_000, clock.instant());
        steps(12);
        assertThat(asleep()).as("planned with the window's 95 kW, not the 80 kW now").isEqualTo(3);

        // Five minutes without such a spike: mining comes back as far as the 80 kW now allows.
        clock.jumpTo(clock.instant().plus(Duration.ofMinutes(5)).plusSeconds(1));
        otherLoad.update(80_000, clock.instant());
        stepUntil(() -> asleep() == 0 && book.view().held().isEmpty());
        assertThat(maxFleetW.get()).isLessThanOrEqualTo(20_000);
    }

    @Test
    void aMinerThatDoesNotAnswerIsRetriedReportedAndReplaced() {
        startAgent();
        // Ties on draw go to the lowest endpoint: that is the miner the planner picks first.
        int first = fleet.endpoints().indexOf(fleet.endpoints().stream().min(Comparator.naturalOrder()).orElseThrow());
        SimulatedMiner broken = fleet.miner(first);
        broken.setApiOffline(true);
        Instant t = clock.instant().minusSeconds(1);
        send(segment(t, t.plusSeconds(600), event("ev-a", 5.9)));

        stepUntil(() -> !acks(Status.SHED).isEmpty());

        assertThat(acks()).extracting(ScheduleAck::status).containsExactly(Status.ACCEPTED, Status.SHED);
        ScheduleAck shed = acks().getLast();
        assertThat(shed.reason()).contains(fleet.endpoint(first)).contains("did not stop");
        assertThat(shed.shedKw()).isGreaterThanOrEqualTo(5.9);
        assertThat(broken.isAwake()).isTrue();
        assertThat(asleep()).isEqualTo(2);
        assertThat(registry.get("gridflex.site.miner.failures").tag("miner", fleet.endpoint(first)).counter()
                .count()).isEqualTo(1.0);
        assertThat(curtails("wakeup")).isZero();
        AgentState persisted = new StateFile(config.stateFile()).load();
        assertThat(persisted.held()).hasSize(2).noneMatch(h -> h.endpoint().equals(fleet.endpoint(first)));
    }
}
