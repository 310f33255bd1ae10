package io.gridflex.siteagent;

import static io.gridflex.siteagent.Schedules.event;
import static io.gridflex.siteagent.Schedules.segment;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.DoubleAccumulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleAck;
import io.gridflex.messages.ScheduleAck.Status;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.messages.Topics;
import io.gridflex.minersim.fleet.CurtailEvent;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The agent end to end: schedules arrive on a real Kafka broker, the agent drives ten simulated S19 XP miners (about
 * 3 kW each) over their TCP API, acks and telemetry come back on Kafka. Each test starts from the site at rest (eight
 * miners running, two left off by the operator, nothing held) and leaves it so. Targets are chosen so whole miners
 * cover them without doubt: 2.5 kW takes one miner, 5 kW two, 7.5 kW three, 10 kW four.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SimulatedSiteResource.class)
class SiteAgentTest {

    private static final String SITE = SimulatedSiteResource.SITE;
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final MessageCodec CODEC = new MessageCodec();
    private static AgentTopics topics;

    private final SimulatedFleet fleet = SimulatedSiteResource.fleet();
    private PowerWatch watch;

    @BeforeAll
    static void connect() {
        topics = new AgentTopics(KafkaTestResource.adminConfig(), SITE);
    }

    @AfterAll
    static void disconnect() {
        topics.close();
    }

    @BeforeEach
    void siteAtRest() {
        await().atMost(SOON).untilAsserted(() -> {
            status().get("/api/status").then().statusCode(200).body("phase", equalTo("IDLE"))
                    .body("minersHeld", equalTo(0));
            assertThat(fleet.miners().stream().filter(SimulatedMiner::isAwake)).hasSize(8);
        });
        watch = new PowerWatch(fleet);
    }

    @AfterEach
    void stopWatching() {
        watch.close();
    }

    @Test
    void theInventoryListsTheConfiguredMinersAndScanningIsOff() {
        given().get("/api/inventory").then().statusCode(401);
        status().get("/api/inventory").then().statusCode(200).body("scanning", equalTo(false))
                .body("ranges", hasSize(0)).body("miners", hasSize(10))
                .body("miners.source", everyItem(equalTo("static"))).body("miners.gone", everyItem(equalTo(false)))
                .body("miners.endpoint", equalTo(fleet.endpoints())).body("changes", hasSize(0));
    }

    @Test
    void shedsWithinSecondsAndRestoresInStagesAtTheEnd() {
        double before = fleet.powerW();
        Instant now = Instant.now();
        SiteSchedule schedule = topics.send(segment(now, now.plusSeconds(12), event("vtn/ev-1", 10)));

        ScheduleAck shed = awaitAck(schedule, Status.SHED, now);
        await().atMost(SOON).until(() -> before - fleet.powerW() >= 10_000);
        assertThat(shed.shedKw()).isGreaterThanOrEqualTo(10.0);
        assertThat(shed.targetKw()).isEqualTo(10.0);
        assertThat(shed.eventIds()).containsExactly("vtn/ev-1");
        assertThat(shed.reason()).startsWith("4 miners stopped");
        assertThat(sleepsSince(now)).hasSize(4);
        awaitAck(schedule, Status.ACCEPTED, null);

        status().get("/api/status").then().statusCode(200)
                .body("siteId", equalTo(SITE))
                .body("scheduleRevision", equalTo(schedule.revision()))
                .body("currentSegment.shedKw", equalTo(10.0f))
                .body("currentSegment.eventIds", equalTo(List.of("vtn/ev-1")))
                .body("requiredKw", equalTo(10.0f))
                .body("phase", equalTo("SHED"))
                .body("minersHeld", equalTo(4))
                .body("miners", hasSize(10));
        SiteTelemetry during = CODEC.decode(SiteTelemetry.class, topics.kafka().awaitRecord(Topics.siteTelemetry(SITE),
                r -> SITE.equals(r.key()) && r.value().contains("\"scheduleRevision\":" + schedule.revision())
                        && CODEC.decode(SiteTelemetry.class, r.value()).shedKw() > 0,
                SOON).value());
        assertThat(during.shedKw()).isGreaterThanOrEqualTo(10.0);
        assertThat(during.targetShedKw()).isEqualTo(10.0);
        assertThat(during.maxImportKw()).isEqualTo(SimulatedSiteResource.MAX_IMPORT_KW);
        assertThat(during.miners().total()).isEqualTo(10);

        awaitAck(schedule, Status.RESTORING, now);
        awaitAck(schedule, Status.RESTORED, now);
        List<Instant> wakes = wakeupsSince(now);
        assertThat(wakes).hasSize(4);
        // 6.5 kW per stage: two miners, then the other two one stage interval later.
        assertThat(batches(wakes, SimulatedSiteResource.STAGE_INTERVAL.dividedBy(2))).isEqualTo(2);
        assertThat(watch.maxW()).isLessThanOrEqualTo(SimulatedSiteResource.MAX_IMPORT_KW * 1000);
    }

    @Test
    void restoreNeverTakesTheSiteAboveItsImportLimit() {
        Instant now = Instant.now();
        SiteSchedule schedule = topics.send(segment(now, now.plusSeconds(8), event("vtn/ev-1", 10)));
        awaitAck(schedule, Status.SHED, now);
        // Meanwhile the operator switches on a miner the agent does not manage: the site now has less room.
        SimulatedMiner operatorsMiner = fleet.miner(9);
        operatorsMiner.wakeUp();
        try {
            awaitAck(schedule, Status.RESTORING, now);
            // Three of four come back; the fourth would break the limit and stays asleep, required by the limit
            // itself now that the event is over, which the RESTORED ack says.
            await().atMost(SOON).until(() -> agentWakeupsSince(now, operatorsMiner).size() == 3
                    && !acks(schedule, Status.RESTORED).isEmpty());
            assertThat(fleet.miners().stream().filter(SimulatedMiner::isAwake)).hasSize(8);
            assertThat(acks(schedule, Status.RESTORED).getFirst().reason())
                    .contains("1 miners stay asleep to keep the site under its import limit");
        } finally {
            operatorsMiner.sleep();
        }
        // The operator's miner is off again: the limit leaves room, and the last miner comes back by itself.
        await().atMost(SOON).until(() -> agentWakeupsSince(now, operatorsMiner).size() == 4);
        assertThat(watch.maxW()).isLessThanOrEqualTo(SimulatedSiteResource.MAX_IMPORT_KW * 1000);
    }

    @Test
    void twoOverlappingEventsShedOnlyTheIncrementAndRestoreOnlyTheSurplus() {
        Instant t = Instant.now();
        Instant overlap = t.plusSeconds(8);
        Instant second = t.plusSeconds(16);
        SiteSchedule schedule = topics.send(
                segment(t, overlap, event("vtn/ev-1", 2.5)),
                segment(overlap, second, event("vtn/ev-1", 2.5), event("vtn/ev-2", 5)),
                segment(second, t.plusSeconds(24), event("vtn/ev-2", 5)));

        awaitAck(schedule, Status.RESTORED, second);

        List<ScheduleAck> acks = topics.acks(a -> a.revision() == schedule.revision());
        assertThat(acks.stream().filter(a -> a.status() == Status.SHED).map(ScheduleAck::segmentStart))
                .containsExactly(t, overlap, second);
        assertThat(acks.stream().filter(a -> a.status() == Status.RESTORING).map(ScheduleAck::segmentStart))
                .containsExactly(overlap, second);
        assertThat(acks.stream().filter(a -> a.status() == Status.RESTORED).map(ScheduleAck::segmentStart))
                .containsExactly(overlap, second);
        ScheduleAck overlapShed = acks.stream().filter(a -> a.status() == Status.SHED && overlap.equals(a
                .segmentStart())).findFirst().orElseThrow();
        assertThat(overlapShed.eventIds()).containsExactly("vtn/ev-1", "vtn/ev-2");
        assertThat(overlapShed.targetKw()).isEqualTo(7.5);
        assertThat(overlapShed.reason()).startsWith("2 miners stopped, 0 trimmed (3 held)");
        // One miner, two more at the overlap, none at the end of the first event; one back when the overlap ends,
        // two at the end.
        assertThat(sleepsSince(t)).hasSize(3);
        assertThat(wakeupsSince(t)).hasSize(3);
    }

    @Test
    void anEventAnnouncedDuringAnotherNeitherStopsAMinerAgainNorAcknowledgesThePresentAgain() {
        Instant t = Instant.now();
        Instant later = t.plusSeconds(12);
        SiteSchedule first = topics.send(segment(t, t.plusSeconds(20), event("vtn/ev-1", 5)));
        awaitAck(first, Status.SHED, t);
        assertThat(sleepsSince(t)).hasSize(2);

        // A second event for the later part of the first: the present segment keeps its start and its target.
        SiteSchedule second = topics.send(segment(t, later, event("vtn/ev-1", 5)),
                segment(later, t.plusSeconds(20), event("vtn/ev-1", 5), event("vtn/ev-2", 2.5)));
        awaitAck(second, Status.ACCEPTED, null);
        ScheduleAck laterShed = awaitAck(second, Status.SHED, later);
        awaitAck(second, Status.RESTORED, later);

        assertThat(laterShed.reason()).startsWith("1 miners stopped, 0 trimmed (3 held)");
        List<Instant> sleeps = sleepsSince(t);
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.getLast()).isAfterOrEqualTo(later);
        assertThat(topics.acks(a -> (a.revision() == first.revision() || a.revision() == second.revision())
                && t.equals(a.segmentStart()))).extracting(ScheduleAck::status).containsExactly(Status.SHED);
    }

    @Test
    void aCancelMidEventRestoresOnlyThatEventsShare() {
        Instant t = Instant.now();
        SiteSchedule both = topics.send(segment(t, t.plusSeconds(600), event("vtn/ev-1", 2.5),
                event("vtn/ev-2", 5)));
        awaitAck(both, Status.SHED, t);
        assertThat(sleepsSince(t)).hasSize(3);

        SiteSchedule withoutSecond = topics.send(segment(t, t.plusSeconds(600), event("vtn/ev-1", 2.5)));
        awaitAck(both, Status.RESTORING, t);
        ScheduleAck reshed = awaitAck(withoutSecond, Status.SHED, t);
        awaitAck(both, Status.RESTORED, t);

        assertThat(reshed.targetKw()).isEqualTo(2.5);
        assertThat(reshed.eventIds()).containsExactly("vtn/ev-1");
        assertThat(fleet.miners().stream().filter(SimulatedMiner::isAwake)).hasSize(7);
        assertThat(wakeupsSince(t)).hasSize(2);
        status().get("/api/status").then().body("phase", equalTo("SHED")).body("minersHeld", equalTo(1))
                .body("currentSegment.eventIds", equalTo(List.of("vtn/ev-1")));

        // And then the first event is cancelled too: an empty schedule.
        SiteSchedule none = topics.send();
        awaitAck(none, Status.ACCEPTED, null);
        awaitAck(withoutSecond, Status.RESTORED, t);
        assertThat(fleet.miners().stream().filter(SimulatedMiner::isAwake)).hasSize(8);
        assertThat(sleepsSince(t)).hasSize(3);
        status().get("/api/status").then().body("currentSegment", nullValue());
    }

    @Test
    void aScheduleThatArrivesLongBeforeItsStartWaitsForIt() {
        Instant start = Instant.now().plusSeconds(10);
        SiteSchedule schedule = topics.send(segment(start, start.plusSeconds(5), event("vtn/ev-1", 5)));
        awaitAck(schedule, Status.ACCEPTED, null);
        status().get("/api/status").then().body("scheduleRevision", equalTo(schedule.revision()))
                .body("nextSegmentStart", equalTo(start.toString()));

        ScheduleAck shed = awaitAck(schedule, Status.SHED, start);
        awaitAck(schedule, Status.RESTORED, start);

        assertThat(shed.at()).isAfterOrEqualTo(start);
        List<Instant> sleeps = sleepsSince(start.minusSeconds(10));
        assertThat(sleeps).hasSize(2).allSatisfy(at -> assertThat(at).isAfterOrEqualTo(start));
    }

    @Test
    void duplicateAndOlderRevisionsChangeNothing() {
        double duplicates = metric("gridflex_messages_rejected_total", "reason=\"duplicate\"");
        double outOfOrder = metric("gridflex_messages_rejected_total", "reason=\"out-of-order\"");
        Instant t = Instant.now();
        long older = Schedules.nextRevision();
        SiteSchedule schedule = Schedules.schedule(SITE, Schedules.nextRevision(), t,
                segment(t, t.plusSeconds(6), event("vtn/ev-1", 2.5)));
        topics.send(schedule);
        awaitAck(schedule, Status.SHED, t);

        topics.send(schedule);
        topics.send(Schedules.schedule(SITE, older, t, segment(t, t.plusSeconds(600), event("vtn/ev-1", 10))));

        await().atMost(SOON).until(
                () -> metric("gridflex_messages_rejected_total", "reason=\"duplicate\"") >= duplicates + 1
                        && metric("gridflex_messages_rejected_total", "reason=\"out-of-order\"") >= outOfOrder + 1);
        awaitAck(schedule, Status.RESTORED, t);
        assertThat(sleepsSince(t)).hasSize(1);
        assertThat(acks(schedule, Status.ACCEPTED)).hasSize(1);
        assertThat(topics.acks(a -> a.revision() == older)).isEmpty();
    }

    @Test
    void anInvalidScheduleIsRejectedWithItsReasonAndTheHeldOneStays() {
        Long held = status().get("/api/status").then().extract().jsonPath().getObject("scheduleRevision", Long.class);
        Instant t = Instant.now();
        SiteSchedule overlapping = topics.send(segment(t, t.plusSeconds(60), event("vtn/ev-1", 5)),
                segment(t.plusSeconds(30), t.plusSeconds(90), event("vtn/ev-2", 2.5)));

        ScheduleAck rejected = awaitAck(overlapping, Status.REJECTED, null);

        assertThat(rejected.reason()).contains("overlap");
        assertThat(rejected.segmentStart()).isNull();
        assertThat(sleepsSince(t)).isEmpty();
        status().get("/api/status").then().body("phase", equalTo("IDLE"));
        assertThat(status().get("/api/status").then().extract().jsonPath().getObject("scheduleRevision", Long.class))
                .isEqualTo(held);
    }

    @Test
    void anotherSitesScheduleChangesNothing() {
        double foreign = metric("gridflex_messages_rejected_total", "reason=\"wrong-channel\"");
        double accepted = metric("gridflex_site_schedules_total", "outcome=\"accepted\"");
        Instant t = Instant.now();
        SiteSchedule other = Schedules.schedule("other-site", Schedules.nextRevision(), t,
                segment(t, t.plusSeconds(60), event("vtn/ev-x", 10)));

        // Only this site's schedules reach its topic; a record there keyed to another site is not ours.
        topics.kafka().send(Topics.siteSchedules(SITE), "other-site", CODEC.encode(other));
        // Keyed to this site but naming another in the payload: not ours either.
        topics.kafka().send(Topics.siteSchedules(SITE), SITE, CODEC.encode(other));

        await().atMost(SOON).until(
                () -> metric("gridflex_messages_rejected_total", "reason=\"wrong-channel\"") >= foreign + 2);
        assertThat(metric("gridflex_site_schedules_total", "outcome=\"accepted\"")).isEqualTo(accepted);
        assertThat(sleepsSince(t)).isEmpty();
        status().get("/api/status").then().body("phase", equalTo("IDLE"));
        assertThat(topics.acks(a -> a.revision() == other.revision())).isEmpty();
    }

    @Test
    void aMalformedScheduleChangesNothing() {
        double invalid = metric("gridflex_messages_rejected_total", "reason=\"invalid\"");
        double accepted = metric("gridflex_site_schedules_total", "outcome=\"accepted\"");
        Instant t = Instant.now();

        topics.kafka().send(Topics.siteSchedules(SITE), SITE, "{not json");
        topics.kafka().send(Topics.siteSchedules(SITE), SITE,
                "{\"siteId\":\"" + SITE + "\",\"revision\":-5,\"issuedAt\":\"" + t + "\",\"segments\":[]}");

        await().atMost(SOON)
                .until(() -> metric("gridflex_messages_rejected_total", "reason=\"invalid\"") >= invalid + 2);
        assertThat(metric("gridflex_site_schedules_total", "outcome=\"accepted\"")).isEqualTo(accepted);
        assertThat(sleepsSince(t)).isEmpty();
        status().get("/api/status").then().body("phase", equalTo("IDLE"));
    }

    @Test
    void telemetryReportsTheSiteEveryInterval() {
        List<SiteTelemetry> reports = new ArrayList<>();
        Instant from = Instant.now();
        await().atMost(SOON).until(() -> {
            reports.clear();
            topics.kafka().poll(Topics.siteTelemetry(SITE), r -> SITE.equals(r.key()), Duration.ofSeconds(1))
                    .forEach(r -> reports.add(CODEC.decode(SiteTelemetry.class, r.value())));
            return reports.stream().filter(t -> t.intervalStart().isAfter(from)).count() >= 2;
        });
        List<SiteTelemetry> recent = reports.stream().filter(t -> t.intervalStart().isAfter(from)).toList();
        SiteTelemetry last = recent.getLast();
        assertThat(last.miners()).isEqualTo(new SiteTelemetry.MinerCounts(10, 8, 2, 0, 0));
        assertThat(last.averageKw()).isBetween(8 * 3.01 * 0.97, 8 * 3.01 * 1.03);
        assertThat(last.miningKw()).isEqualTo(last.averageKw());
        assertThat(last.dataCentreKw()).isNull();
        assertThat(last.sheddableKw()).isBetween(8 * 3.01 * 0.97, 8 * 3.01 * 1.03);
        assertThat(last.shedKw()).isZero();
        assertThat(last.targetShedKw()).isZero();
        assertThat(last.energyKwh()).isCloseTo(last.averageKw() * 2 / 3600, within(1e-6));
        // An S19 XP hashes 140 TH/s at 3010 W: 21.5 J/TH.
        assertThat(last.hashrateThs()).isBetween(8 * 140 * 0.97, 8 * 140 * 1.03);
        assertThat(last.efficiencyJPerTh()).isBetween(21.5 * 0.97, 21.5 * 1.03);
        assertThat(last.source()).isEqualTo(SiteTelemetry.Source.MINERS);
        assertThat(last.coverage()).isEqualTo(1.0);
        for (int i = 1; i < recent.size(); i++) {
            assertThat(recent.get(i).intervalStart()).isEqualTo(recent.get(i - 1).intervalEnd());
        }
    }

    @Test
    void healthAndMetricsAreExposed() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'miners' }.status", equalTo("UP"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("gridflex_site_power_kW").contains("gridflex_site_shed_latency")
                .contains("gridflex_site_schedule_revision");
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/status"));
    }

    @Test
    void theStatusApiAnswersOnlyTheSitesOperator() {
        given().get("/api/status").then().statusCode(401).header("WWW-Authenticate",
                containsStringIgnoringCase("basic"));
        given().auth().preemptive().basic("site-operator", "not-" + SimulatedSiteResource.STATUS_PASSWORD)
                .get("/api/status").then().statusCode(401);
        given().auth().preemptive().basic("admin", SimulatedSiteResource.STATUS_PASSWORD).get("/api/status").then()
                .statusCode(401);
        given().auth().oauth2("a-bearer-token").get("/api/status").then().statusCode(401);
        status().get("/api/status").then().statusCode(200).body("siteId", equalTo(SimulatedSiteResource.SITE));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static ScheduleAck awaitAck(SiteSchedule schedule, Status status, Instant segmentStart) {
        return topics.awaitAck(schedule.revision(), status, segmentStart, SOON);
    }

    private static List<ScheduleAck> acks(SiteSchedule schedule, Status status) {
        return topics.acks(a -> a.revision() == schedule.revision() && a.status() == status);
    }

    private List<Instant> sleepsSince(Instant from) {
        return curtailsSince(from, "sleep", fleet.miners());
    }

    private List<Instant> wakeupsSince(Instant from) {
        return curtailsSince(from, "wakeup", fleet.miners());
    }

    private List<Instant> agentWakeupsSince(Instant from, SimulatedMiner operatorsMiner) {
        return curtailsSince(from, "wakeup", fleet.miners().stream().filter(m -> m != operatorsMiner).toList());
    }

    private static List<Instant> curtailsSince(Instant from, String action, List<SimulatedMiner> miners) {
        return miners.stream().flatMap(m -> m.curtailLog().stream())
                .filter(e -> e.action().equals(action) && !e.at().isBefore(from)).map(CurtailEvent::at).sorted()
                .toList();
    }

    /** Groups instants separated by more than {@code gap} and counts the groups. */
    private static int batches(List<Instant> sorted, Duration gap) {
        int batches = sorted.isEmpty() ? 0 : 1;
        for (int i = 1; i < sorted.size(); i++) {
            if (Duration.between(sorted.get(i - 1), sorted.get(i)).compareTo(gap) > 0) {
                batches++;
            }
        }
        return batches;
    }

    /** Sum of the Prometheus samples of {@code name} whose labels contain every one of {@code labels}. */
    private static double metric(String name, String... labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                boolean matches = true;
                for (String label : labels) {
                    matches &= line.contains(label);
                }
                if (matches) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }

    /** Samples the fleet's true draw in the background and keeps the highest value. */
    private static final class PowerWatch implements AutoCloseable {

        private final DoubleAccumulator max = new DoubleAccumulator(Math::max, 0);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        PowerWatch(SimulatedFleet fleet) {
            thread = Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    max.accumulate(fleet.powerW());
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        double maxW() {
            return max.get();
        }

        @Override
        public void close() {
            running.set(false);
            thread.interrupt();
        }
    }

    /** The status API as the site's operator. */
    private static io.restassured.specification.RequestSpecification status() {
        return given().auth().preemptive().basic("site-operator", SimulatedSiteResource.STATUS_PASSWORD);
    }
}
