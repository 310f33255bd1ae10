package io.gridflex.gateway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.program.ProgramConfig;
import io.gridflex.gateway.program.Programs;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.registration.RegistrationState;
import io.gridflex.gateway.signature.PayloadSignatures;
import io.gridflex.gateway.support.Api;
import io.gridflex.gateway.support.TestProgram;
import io.gridflex.gateway.support.VtnAdmin;
import io.gridflex.gateway.support.VtnSimulator;
import io.gridflex.gateway.support.VtnSimulatorTestResource;
import io.gridflex.gateway.telemetry.SiteReadings;
import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.messages.Topics;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.support.db.Sql;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.gridflex.testsupport.TestKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The VEN's telemetry reports end to end: two sites publish telemetry on their own Kafka topics (read by the gateway
 * as the ven-gateway principal, with exactly its production ACLs), the program's resource plant-a sums them and
 * plant-b's one site never reports. The VTN simulator asks for a periodic TELEMETRY_USAGE report in its answer to
 * the metadata, and for more reports and cancellations in poll replies; what it receives is compared with what the
 * sites published.
 */
@QuarkusTest
@WithTestResource(TelemetryReportsTest.Resources.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(VtnSimulatorTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "ven-gateway"))
class TelemetryReportsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String SITE_A = "rpt-a-" + RUN;
    static final String SITE_B = "rpt-b-" + RUN;
    static final String SITE_SILENT = "rpt-silent-" + RUN;
    static final String SITE_LATE = "rpt-late-" + RUN;
    static final String SITE_HIST_1 = "rpt-hist-1-" + RUN;
    static final String SITE_HIST_2 = "rpt-hist-2-" + RUN;
    private static final double KW_A = 812.5;
    private static final double KW_B = 1200.25;
    private static final String GOOD = "Quality Good - Non Specific";
    /** What the VTN asks for in every oadrRegisteredReport: usage every 2 s, sampled at 1 s. */
    private static final Map<String, Object> SCRIPTED_USAGE = Map.of("reportName", "TELEMETRY_USAGE",
            "granularitySeconds", 1, "reportBackSeconds", 2);

    private static TestKafka kafka;
    private static ScheduledExecutorService publisher;

    /**
     * plant-a = sites A + B, plant-b = a site that never reports, plant-c = a site that reports only when a test
     * says so, plant-d = two sites whose past telemetry a test publishes; the VTN asks for usage every 2 s, sampled
     * at 1 s. The usage history keeps 2-second buckets (test profile).
     */
    public static class Resources implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            new VtnAdmin(VtnSimulator.shared().baseUrl()).scriptReportRequests(List.of(SCRIPTED_USAGE));
            return Map.of("gridflex.gateway.programs.default.resources.plant-a.sites", SITE_A + "," + SITE_B,
                    "gridflex.gateway.programs.default.resources.plant-b.sites", SITE_SILENT,
                    "gridflex.gateway.programs.default.resources.plant-c.sites", SITE_LATE,
                    "gridflex.gateway.programs.default.resources.plant-d.sites", SITE_HIST_1 + "," + SITE_HIST_2);
        }

        @Override
        public void stop() {
            new VtnAdmin(VtnSimulator.shared().baseUrl()).scriptReportRequests(List.of());
        }
    }

    @Inject
    Programs programs;

    @Inject
    Reports reports;

    @Inject
    GatewayConfig config;

    @Inject
    OpenAdrXml xml;

    @Inject
    DataSource dataSource;

    @Inject
    SiteReadings readings;

    private final VtnAdmin vtn = new VtnAdmin(VtnSimulator.shared().baseUrl());
    private Registration registration;

    @BeforeAll
    static void sitesPublish() {
        kafka = new TestKafka(KafkaTestResource.adminConfig());
        MessageCodec codec = new MessageCodec();
        publisher = Executors.newSingleThreadScheduledExecutor();
        publisher.scheduleAtFixedRate(() -> {
            Instant end = Instant.now();
            for (var site : List.of(Map.entry(SITE_A, KW_A), Map.entry(SITE_B, KW_B))) {
                kafka.send(Topics.siteTelemetry(site.getKey()), site.getKey(), codec.encode(new SiteTelemetry(
                        site.getKey(), end.minusSeconds(1), end, site.getValue(), site.getValue() / 3600, null,
                        null, 300, 100, 100, 5000, new SiteTelemetry.MinerCounts(10, 8, 2, 0, 0), null, null, null,
                        SiteTelemetry.Source.METER, 1)));
            }
        }, 0, 500, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void sitesStop() throws InterruptedException {
        publisher.shutdownNow();
        publisher.awaitTermination(10, TimeUnit.SECONDS);
        kafka.close();
    }

    @BeforeEach
    void registered() {
        registration = await("registration with the VTN").atMost(PATIENCE)
                .until(() -> TestProgram.state(programs).current().orElse(null), Objects::nonNull);
    }

    @Test
    void theVtnReceivesTheSumOfTheSitesTelemetryInKilowatts() {
        String requestId = await("the scripted usage request, taken").atMost(PATIENCE)
                .until(this::scriptedUsageRequest, Objects::nonNull);
        assertThat(vtn.reportRequest(requestId).getString("venAnswerCode")).isEqualTo("200");

        List<Map<String, Object>> interval = await("an interval with both sites' telemetry").atMost(PATIENCE)
                .until(() -> lastInterval(requestId, "usage-plant-a", (float) (KW_A + KW_B)), Objects::nonNull);

        Map<String, Object> plantA = value(interval, "usage-plant-a");
        assertThat(((Number) plantA.get("value")).floatValue()).isEqualTo(2012.75f);
        assertThat(plantA.get("dataQuality")).isEqualTo(GOOD);
        Map<String, Object> plantB = value(interval, "usage-plant-b");
        assertThat(((Number) plantB.get("value")).floatValue()).as("a silent site is no 0 kW reading").isZero();
        assertThat(plantB.get("dataQuality")).isEqualTo("Quality Bad - Not Connected");
        // Sampled every second, reported every two: whole reports carry two one-second intervals. The request may be
        // a second old (a test before this one had the metadata registered again), its first report not yet whole.
        Map<String, Object> whole = await("a whole report").atMost(PATIENCE)
                .until(() -> vtn.received(requestId).<Map<String, Object>>getList("$").stream()
                        .filter(report -> intervals(report).size() > 1).findFirst().orElse(null), Objects::nonNull);
        List<Map<String, Object>> intervals = intervals(whole);
        assertThat(intervals).hasSize(2).allSatisfy(i -> assertThat(i.get("durationSeconds")).isEqualTo(1));
        assertThat(Duration.between(Instant.parse((String) intervals.get(0).get("start")),
                Instant.parse((String) intervals.get(1).get("start")))).isEqualTo(Duration.ofSeconds(1));
        assertThat(whole.get("reportName")).isEqualTo("TELEMETRY_USAGE");
    }

    @Test
    void aCancelledReportSendsOneLastReportOnlyWhenOneIsToFollow() throws SQLException {
        bothSitesRead();
        Map<String, Object> status = Map.of("venId", registration.venId(), "reportName", "TELEMETRY_STATUS",
                "rIds", List.of("status-plant-a"), "granularitySeconds", 2, "reportBackSeconds", 10);
        String withLast = vtn.requestReport(status);
        String withoutLast = vtn.requestReport(status);
        await("both requests taken").atMost(PATIENCE).until(() -> "200".equals(
                vtn.reportRequest(withLast).getString("venAnswerCode"))
                && "200".equals(vtn.reportRequest(withoutLast).getString("venAnswerCode")));

        vtn.cancelReport(withLast, true);
        vtn.cancelReport(withoutLast, false);

        await("both cancellations answered").atMost(PATIENCE).until(() -> "200".equals(
                vtn.reportRequest(withLast).getString("cancelAnswerCode"))
                && "200".equals(vtn.reportRequest(withoutLast).getString("cancelAnswerCode")));
        await("the last report").atMost(PATIENCE).until(() -> vtn.reportRequest(withLast).getInt("reports") == 1);
        Instant firstPeriodicReport = Instant.parse(vtn.reportRequest(withLast).getString("deliveredAt"))
                .plusSeconds(12);
        await("past the first periodic report's time").atMost(PATIENCE)
                .until(() -> Instant.now().isAfter(firstPeriodicReport));
        assertThat(vtn.reportRequest(withLast).getInt("reports")).as("one last report, then none").isEqualTo(1);
        assertThat(vtn.reportRequest(withoutLast).getInt("reports")).isZero();
        Map<String, Object> last = value(intervalValues(vtn.received(withLast).getMap("[0]")).getFirst(),
                "status-plant-a");
        assertThat(last.get("online")).isEqualTo(true);
        assertThat(((Number) last.get("percentOffset")).floatValue()).as("200 kW held off of 2212.75")
                .isCloseTo(100 * 200 / 2212.75f, Offset.offset(0.01f));
        assertThat(status(withLast)).isEqualTo("CANCELLED");
        assertThat(status(withoutLast)).isEqualTo("CANCELLED");
    }

    @Test
    void aCancellationCarriedByTheVtnsReplyToAReportEndsThatReportAndIsAnswered() throws SQLException {
        bothSitesRead();
        String id = vtn.requestReport(Map.of("venId", registration.venId(), "reportName", "TELEMETRY_STATUS",
                "rIds", List.of("status-plant-a"), "granularitySeconds", 1, "reportBackSeconds", 1));
        await("the request taken and reported").atMost(PATIENCE)
                .until(() -> "200".equals(vtn.reportRequest(id).getString("venAnswerCode"))
                        && vtn.reportRequest(id).getInt("reports") > 0);

        vtn.cancelReportInUpdatedReport(id);

        await("the cancellation answered").atMost(PATIENCE)
                .until(() -> "200".equals(vtn.reportRequest(id).getString("cancelAnswerCode")));
        assertThat(vtn.reportRequest(id).getString("cancelDeliveredAt")).isNotNull();
        int reports = vtn.reportRequest(id).getInt("reports");
        Instant twoPeriodsLater = Instant.now().plusSeconds(3);
        await("past two more reporting periods").atMost(PATIENCE).until(() -> Instant.now().isAfter(twoPeriodsLater));
        assertThat(vtn.reportRequest(id).getInt("reports")).as("no report after the cancellation").isEqualTo(reports);
        assertThat(status(id)).isEqualTo("CANCELLED");
    }

    @Test
    void aStatusReportStartingLaterIsSentFromItsStartWithTheLoadControlState() throws SQLException {
        bothSitesRead();
        Instant start = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        String later = vtn.requestReport(Map.of("venId", registration.venId(), "reportName", "TELEMETRY_STATUS",
                "rIds", List.of("status-plant-a"), "granularitySeconds", 2, "reportBackSeconds", 2, "start",
                start.toString(), "durationSeconds", 0));
        await("the request taken").atMost(PATIENCE)
                .until(() -> "200".equals(vtn.reportRequest(later).getString("venAnswerCode")));
        assertThat(status(later)).isEqualTo("ACTIVE");

        await("the first report").atMost(PATIENCE).until(() -> vtn.reportRequest(later).getInt("reports") > 0);
        Map<String, Object> first = vtn.received(later).getMap("[0]");
        assertThat(Instant.parse((String) first.get("receivedAt"))).as("nothing before its start")
                .isAfterOrEqualTo(start);
        assertThat(intervals(first)).isNotEmpty().allSatisfy(
                interval -> assertThat(Instant.parse((String) interval.get("start"))).isAfterOrEqualTo(start));
        Map<String, Object> plantA = value(intervalValues(first).getFirst(), "status-plant-a");
        assertThat(plantA.get("online")).isEqualTo(true);
        assertThat(((Number) plantA.get("percentOffset")).floatValue()).as("oadrLoadControlState: 200 kW held off")
                .isCloseTo(100 * 200 / 2212.75f, Offset.offset(0.01f));
        vtn.cancelReport(later, false);
    }

    @Test
    void aShortReportRequestReportsItsWholeIntervalAndNothingAfterItsEnd() throws SQLException {
        bothSitesRead();
        Instant start = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plusSeconds(5);
        String brief = vtn.requestReport(Map.of("venId", registration.venId(), "reportName", "TELEMETRY_USAGE",
                "rIds", List.of("usage-plant-a"), "granularitySeconds", 1, "reportBackSeconds", 2, "start",
                start.toString(), "durationSeconds", 5));

        await("the request over").atMost(PATIENCE).until(() -> "COMPLETED".equals(status(brief)));
        int reports = vtn.reportRequest(brief).getInt("reports");
        List<Map<String, Object>> sampled = new ArrayList<>();
        for (Map<String, Object> report : vtn.received(brief).<Map<String, Object>>getList("$")) {
            sampled.addAll(intervals(report));
        }
        // Every second of [start, end) once, in order: the last report cut at the end, not at a whole period.
        assertThat(sampled).extracting(i -> Instant.parse((String) i.get("start"))).containsExactly(start,
                start.plusSeconds(1), start.plusSeconds(2), start.plusSeconds(3), start.plusSeconds(4));
        assertThat(reports).isEqualTo(3);
        Instant checkedAfter = Instant.now().plusSeconds(4);
        await("a while past its end").atMost(PATIENCE).until(() -> Instant.now().isAfter(checkedAfter));
        assertThat(vtn.reportRequest(brief).getInt("reports")).as("nothing after its end").isEqualTo(reports);
        assertThat(Instant.parse((String) vtn.received(brief).getMap("[" + (reports - 1) + "]").get("receivedAt")))
                .isAfterOrEqualTo(end);
    }

    @Test
    void severalRequestsInOneCreateReportAreEachTakenAndReported() throws SQLException {
        bothSitesRead();
        List<String> ids = vtn.requestReports(List.of(
                Map.of("venId", registration.venId(), "reportName", "TELEMETRY_STATUS", "granularitySeconds", 0,
                        "reportBackSeconds", 0),
                Map.of("venId", registration.venId(), "reportName", "TELEMETRY_USAGE", "rIds",
                        List.of("usage-plant-a"), "granularitySeconds", 1, "reportBackSeconds", 2)));
        String status = ids.get(0);
        String usage = ids.get(1);

        await("both answered by the one oadrCreatedReport").atMost(PATIENCE)
                .until(() -> "200".equals(vtn.reportRequest(status).getString("venAnswerCode"))
                        && "200".equals(vtn.reportRequest(usage).getString("venAnswerCode")));
        await("the status report, and usage reports").atMost(PATIENCE)
                .until(() -> vtn.reportRequest(status).getInt("reports") == 1
                        && vtn.reportRequest(usage).getInt("reports") >= 2);
        assertThat(value(intervalValues(vtn.received(status).getMap("[0]")).getFirst(), "status-plant-a")
                .get("online")).isEqualTo(true);
        assertThat(vtn.received(usage).<Map<String, Object>>getList("$")).allSatisfy(report -> assertThat(
                intervalValues(report)).allSatisfy(
                        values -> assertThat(values).extracting(v -> v.get("rId"))
                                .containsExactly("usage-plant-a")));
        assertThat(status(status)).isEqualTo("COMPLETED");
        assertThat(status(usage)).isEqualTo("ACTIVE");
        vtn.cancelReport(usage, false);
    }

    @Test
    void theSameRequestSentAgainIsTakenAndItsReportsGoOnAsBefore() throws SQLException {
        bothSitesRead();
        String usage = vtn.requestReport(Map.of("venId", registration.venId(), "reportName", "TELEMETRY_USAGE",
                "rIds", List.of("usage-plant-a"), "granularitySeconds", 1, "reportBackSeconds", 2));
        await("two reports").atMost(PATIENCE).until(() -> vtn.reportRequest(usage).getInt("reports") >= 2);
        String firstDelivery = vtn.reportRequest(usage).getString("deliveredAt");

        vtn.repeatReport(usage);

        await("the repeated request delivered and answered").atMost(PATIENCE)
                .until(() -> !firstDelivery.equals(vtn.reportRequest(usage).getString("deliveredAt"))
                        && "200".equals(vtn.reportRequest(usage).getString("venAnswerCode")));
        int atRepeat = vtn.reportRequest(usage).getInt("reports");
        await("three more reports").atMost(PATIENCE)
                .until(() -> vtn.reportRequest(usage).getInt("reports") >= atRepeat + 3);
        assertThat(vtn.reportRequest(usage).getBoolean("pending")).as("still pending after the repeat").isTrue();
        vtn.cancelReport(usage, false);
        // One request, one cadence: every second sampled once, in order, with no second missing or twice.
        List<Instant> starts = new ArrayList<>();
        for (Map<String, Object> report : vtn.received(usage).<Map<String, Object>>getList("$")) {
            intervals(report).forEach(i -> starts.add(Instant.parse((String) i.get("start"))));
        }
        assertThat(starts).hasSizeGreaterThanOrEqualTo(8);
        for (int i = 1; i < starts.size(); i++) {
            assertThat(Duration.between(starts.get(i - 1), starts.get(i))).as("interval %d", i)
                    .isEqualTo(Duration.ofSeconds(1));
        }
        assertThat(status(usage)).isIn("ACTIVE", "CANCELLED");
    }

    /**
     * A report request and an event wait at the VTN together (held back while both are queued): the VEN takes the
     * request with one poll, polls again at once and takes the event, polls once more and hears there is nothing,
     * and only then waits for its poll interval (1 s, as the VTN asks).
     */
    @Test
    void theVenPollsAgainAtOnceUntilTheVtnsQueueOfAReportRequestAndAnEventIsEmpty() {
        bothSitesRead();
        String venId = registration.venId();
        String requestId;
        String eventId;
        long before;
        vtn.hold(venId);
        try {
            requestId = vtn.requestReport(Map.of("venId", venId, "reportName", "TELEMETRY_STATUS", "rIds",
                    List.of("status-plant-a"), "granularitySeconds", 0, "reportBackSeconds", 0));
            eventId = vtn.createEvent(venId, 100, Instant.now().plus(Duration.ofHours(6)), 600);
            before = vtn.lastMessage();
        } finally {
            vtn.release(venId);
        }
        try {
            await("both taken").atMost(PATIENCE).until(() -> "200".equals(
                    vtn.reportRequest(requestId).getString("venAnswerCode"))
                    && vtn.delivery(eventId, venId).get("responseCode") != null);
            await("the poll that finds the queue empty, and the next one").atMost(PATIENCE)
                    .until(() -> fromFirstTaken(polls(venId, before)).size() >= 4);

            List<Map<String, Object>> polls = fromFirstTaken(polls(venId, before));
            assertThat(polls).extracting(p -> p.get("answer")).startsWith("oadrCreateReport", "oadrDistributeEvent",
                    "oadrResponse", "oadrResponse");
            Duration toEvent = between(polls.get(0), polls.get(1));
            Duration toEmpty = between(polls.get(1), polls.get(2));
            Duration toNext = between(polls.get(2), polls.get(3));
            // "At once" against "after the 1 s interval": a poll that waited comes at least a second later, while
            // an immediate one can take a few hundred milliseconds on a loaded build machine.
            Duration atOnce = Duration.ofMillis(800);
            assertThat(toEvent).as("the poll after the report request, at once").isLessThan(atOnce);
            assertThat(toEmpty).as("the poll after the event, at once").isLessThan(atOnce);
            assertThat(toNext).as("an empty queue: back to the 1 s interval")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        } finally {
            vtn.cancel(eventId);
        }
    }

    private List<Map<String, Object>> polls(String venId, long after) {
        return vtn.messagesAfter(after).stream()
                .filter(m -> "oadrPoll".equals(m.get("message")) && venId.equals(m.get("venId"))).toList();
    }

    /**
     * The polls from the one that took the queued request on. A poll that arrives between reading the log's last
     * message and releasing the hold is answered with an empty oadrResponse; it says nothing about polling again at
     * once.
     */
    private static List<Map<String, Object>> fromFirstTaken(List<Map<String, Object>> polls) {
        int first = 0;
        while (first < polls.size() && !"oadrCreateReport".equals(polls.get(first).get("answer"))) {
            first++;
        }
        return polls.subList(first, polls.size());
    }

    private static Duration between(Map<String, Object> from, Map<String, Object> to) {
        return Duration.between(Instant.parse((String) from.get("receivedAt")),
                Instant.parse((String) to.get("receivedAt")));
    }

    @Test
    void oneShotReportsAreSentOnceWithTheLatestReadings() throws SQLException {
        bothSitesRead();
        String status = vtn.requestReport(Map.of("venId", registration.venId(), "reportName", "TELEMETRY_STATUS",
                "granularitySeconds", 0, "reportBackSeconds", 0));
        String usage = vtn.requestReport(Map.of("venId", registration.venId(), "reportName", "TELEMETRY_USAGE",
                "rIds", List.of("usage-plant-a"), "granularitySeconds", 0, "reportBackSeconds", 0));

        await("the one report of each").atMost(PATIENCE).until(() -> vtn.reportRequest(status).getInt("reports") == 1
                && vtn.reportRequest(usage).getInt("reports") == 1);

        List<Map<String, Object>> statuses = intervalValues(vtn.received(status).getMap("[0]")).getFirst();
        assertThat(value(statuses, "status-plant-a").get("online")).isEqualTo(true);
        assertThat(value(statuses, "status-plant-b").get("online")).isEqualTo(false);
        List<Map<String, Object>> kw = intervalValues(vtn.received(usage).getMap("[0]")).getFirst();
        assertThat(kw).hasSize(1);
        assertThat(((Number) value(kw, "usage-plant-a").get("value")).floatValue()).isEqualTo(2012.75f);
        await("both done").atMost(PATIENCE).until(() -> "COMPLETED".equals(status(status))
                && "COMPLETED".equals(status(usage)));
        assertThat(vtn.reportRequest(status).getInt("reports")).isEqualTo(1);
    }

    @Test
    void aResourceThatCannotTakePartIsOptedOutUntilItCanAgain() {
        // plant-c's site has not reported for longer than unavailable-after (3 s here): an open-ended opt schedule.
        Map<String, Object> opt = await("plant-c's opt schedule").atMost(PATIENCE)
                .until(() -> schedule("plant-c"), Objects::nonNull);
        assertThat(opt).containsEntry("optType", "optOut").containsEntry("optReason", "outageRunStatus")
                .containsEntry("venId", registration.venId()).containsEntry("cancelled", false);
        assertThat((List<?>) opt.get("periods")).singleElement().asString().endsWith("/PT0S");
        // Sites that report with load to shed keep their resource in: no schedule for plant-a.
        assertThat(schedule("plant-a")).isNull();
        // Several schedules at once, each targeted at its own resource only (P1_2030): the silent plant-b has one.
        Map<String, Object> plantB = await("plant-b's opt schedule").atMost(PATIENCE)
                .until(() -> schedule("plant-b"), Objects::nonNull);
        assertThat(plantB.get("resourceIds")).isEqualTo(List.of("plant-b"));
        assertThat(opt.get("resourceIds")).isEqualTo(List.of("plant-c"));
        assertThat(plantB.get("optId")).isNotEqualTo(opt.get("optId"));

        // plant-c's site reports, with load to shed (every second, as agents do: the gateway finds a new site's
        // topic within a second and reads it from its end): the schedule is withdrawn.
        await("plant-c's schedule withdrawn").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            kafka.send(Topics.siteTelemetry(SITE_LATE), SITE_LATE, new MessageCodec().encode(new SiteTelemetry(
                    SITE_LATE, Instant.now().minusSeconds(1), Instant.now(), 500, 500.0 / 3600, null, null, 300, 100,
                    100, 5000, new SiteTelemetry.MinerCounts(10, 8, 2, 0, 0), null, null, null,
                    SiteTelemetry.Source.METER, 1)));
            return schedule("plant-c").get("cancelled");
        }, Boolean.TRUE::equals);
        List<Map<String, Object>> ours = Api.asOperator()
                .get("/api/programs/{id}/opts/schedules", TestProgram.ID).then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.resourceId == 'plant-c' }");
        assertThat(ours).singleElement().satisfies(s -> assertThat(s).containsEntry("state", "CLOSED")
                .containsEntry("createCode", 200).containsEntry("cancelCode", 200)
                .containsEntry("optId", opt.get("optId")));
        // One withdrawn, the other stands (P1_2040): plant-b is still silent, its schedule still open at the VTN.
        assertThat(schedule("plant-b")).containsEntry("optId", plantB.get("optId")).containsEntry("cancelled", false);
    }

    /** The VTN's record of the latest opt schedule for one resource, or null. */
    private Map<String, Object> schedule(String resourceId) {
        return vtn.opts(null).stream()
                .filter(o -> o.get("eventId") == null && ((List<?>) o.get("resourceIds")).contains(resourceId))
                .reduce((first, second) -> second).orElse(null);
    }

    @Test
    void aRequestForMetadataRegistersTheReportsAgain() {
        await("the first registration of the metadata").atMost(PATIENCE)
                .until(() -> vtn.reports(registration.venId()).getInt("metadataRegistrations") > 0);
        int before = vtn.reports(registration.venId()).getInt("metadataRegistrations");

        String id = vtn.requestReport(Map.of("venId", registration.venId(), "reportSpecifierId", "METADATA", "rIds",
                List.of("0"), "granularitySeconds", 0, "reportBackSeconds", 0));

        await("the metadata again").atMost(PATIENCE)
                .until(() -> vtn.reports(registration.venId()).getInt("metadataRegistrations") == before + 1);
        assertThat(vtn.reportRequest(id).getString("venAnswerCode")).isEqualTo("200");
        assertThat(vtn.reports(registration.venId()).getList("offered.reportName"))
                .containsExactly("METADATA_TELEMETRY_USAGE", "METADATA_TELEMETRY_STATUS", "METADATA_HISTORY_USAGE");
    }

    /**
     * R1_3060: a new report request piggy-backed on the VTN's reply. The VTN asks for the metadata again; its
     * oadrRegisteredReport answering the VEN's new oadrRegisterReport carries, beside the usage request it always asks
     * for, a one-shot status request, which the VEN takes and reports once.
     */
    @Test
    void aNewRequestPiggyBackedOnTheVtnsRegisteredReportIsTakenAndReported() {
        bothSitesRead();
        int before = vtn.reports(registration.venId()).getInt("metadataRegistrations");
        vtn.scriptReportRequests(List.of(SCRIPTED_USAGE,
                Map.of("reportName", "TELEMETRY_STATUS", "granularitySeconds", 0, "reportBackSeconds", 0)));
        try {
            vtn.requestReport(Map.of("venId", registration.venId(), "reportSpecifierId", "METADATA", "rIds",
                    List.of("0"), "granularitySeconds", 0, "reportBackSeconds", 0));
            await("the metadata again").atMost(PATIENCE)
                    .until(() -> vtn.reports(registration.venId()).getInt("metadataRegistrations") == before + 1);

            String piggyBacked = await("the status request carried by the oadrRegisteredReport").atMost(PATIENCE)
                    .until(() -> vtn.reports(registration.venId()).<Map<String, Object>>getList("requests").stream()
                            .filter(r -> "oadrRegisteredReport".equals(r.get("via"))
                                    && "TELEMETRY_STATUS".equals(r.get("reportName")))
                            .map(r -> (String) r.get("reportRequestId")).findFirst().orElse(null), Objects::nonNull);
            await("taken and reported once").atMost(PATIENCE)
                    .until(() -> "200".equals(vtn.reportRequest(piggyBacked).getString("venAnswerCode"))
                            && vtn.reportRequest(piggyBacked).getInt("reports") == 1);

            List<Map<String, Object>> statuses = intervalValues(vtn.received(piggyBacked).getMap("[0]")).getFirst();
            assertThat(value(statuses, "status-plant-a").get("online")).isEqualTo(true);
            assertThat(value(statuses, "status-plant-b").get("online")).isEqualTo(false);
        } finally {
            vtn.scriptReportRequests(List.of(SCRIPTED_USAGE));
        }
    }

    @Test
    void aRequestForADataPointNeverOfferedIsRefusedAndNothingIsKept() throws SQLException {
        String id = vtn.requestReport(Map.of("venId", registration.venId(), "reportSpecifierId",
                "gridflex-telemetry-usage", "rIds", List.of("usage-plant-a", "usage-nowhere"), "granularitySeconds",
                1, "reportBackSeconds", 2));

        await("the VEN's answer").atMost(PATIENCE)
                .until(() -> vtn.reportRequest(id).getString("venAnswerCode") != null);

        assertThat(vtn.reportRequest(id).getString("venAnswerCode")).isEqualTo("452");
        assertThat(vtn.reportRequest(id).getBoolean("pending")).isFalse();
        assertThat(status(id)).isNull();
    }

    /**
     * HISTORY_USAGE: plant-d's two sites publish a minute of past telemetry (2-second intervals), one of them only its
     * first half, and part of it a second time. The VTN asks for that minute in 20-second intervals, once for
     * plant-d alone and once for every data point; each interval's kWh is what the sites published, the half-silent
     * site's intervals say they miss time, and a request without its interval is refused.
     */
    @Test
    void aHistoryReportGivesEachIntervalsEnergyAsPublishedOnceAndSaysWhatIsMissing() throws SQLException {
        MessageCodec codec = new MessageCodec();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(3));
        // The sites' topics exist and are read before the history is published: a topic the gateway finds is read
        // from its end, so an older reading is sent every half second until one of each site has been read.
        int[] warmUp = {0};
        await("the sites' topics read").atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            Instant at = t0.minusSeconds(600).plusSeconds(2L * warmUp[0]++);
            for (String site : List.of(SITE_HIST_1, SITE_HIST_2)) {
                kafka.send(Topics.siteTelemetry(site), site, codec.encode(telemetry(site, at, 0.001)));
            }
            return readings.latest(SITE_HIST_1).isPresent() && readings.latest(SITE_HIST_2).isPresent();
        });
        double[] expected = new double[3];
        for (int i = 0; i < 30; i++) {
            double kwh1 = 0.5 + 0.01 * i;
            double kwh2 = 0.25;
            kafka.send(Topics.siteTelemetry(SITE_HIST_1), SITE_HIST_1,
                    codec.encode(telemetry(SITE_HIST_1, t0.plusSeconds(2L * i), kwh1)));
            expected[i / 10] += kwh1;
            if (i < 15) {
                kafka.send(Topics.siteTelemetry(SITE_HIST_2), SITE_HIST_2,
                        codec.encode(telemetry(SITE_HIST_2, t0.plusSeconds(2L * i), kwh2)));
                expected[i / 10] += kwh2;
            }
        }
        // Delivered again (a producer's retry, a consumer's restart): not counted twice.
        for (int i = 0; i < 10; i++) {
            kafka.send(Topics.siteTelemetry(SITE_HIST_1), SITE_HIST_1,
                    codec.encode(telemetry(SITE_HIST_1, t0.plusSeconds(2L * i), 0.5 + 0.01 * i)));
        }
        // A marker after the minute: once it is written, everything before it on the topic is.
        kafka.send(Topics.siteTelemetry(SITE_HIST_1), SITE_HIST_1,
                codec.encode(telemetry(SITE_HIST_1, t0.plusSeconds(120), 0.001)));
        await("the minute written to the history").atMost(PATIENCE)
                .until(() -> coveredMs(SITE_HIST_1, t0.plusSeconds(120), t0.plusSeconds(122)) == 2_000);
        assertThat(coveredMs(SITE_HIST_1, t0, t0.plusSeconds(60))).isEqualTo(60_000);
        assertThat(coveredMs(SITE_HIST_2, t0, t0.plusSeconds(60))).isEqualTo(30_000);

        String subset = vtn.requestReport(Map.of("venId", registration.venId(), "reportName", "HISTORY_USAGE",
                "rIds", List.of("history-plant-d"), "granularitySeconds", 20, "reportBackSeconds", 0, "start",
                t0.toString(), "durationSeconds", 60));
        String every = vtn.requestReport(Map.of("venId", registration.venId(), "reportName", "HISTORY_USAGE",
                "granularitySeconds", 20, "reportBackSeconds", 0, "start", t0.toString(), "durationSeconds", 60));
        String noInterval = vtn.requestReport(Map.of("venId", registration.venId(), "reportName", "HISTORY_USAGE",
                "granularitySeconds", 20, "reportBackSeconds", 0));

        await("both history reports").atMost(PATIENCE).until(() -> vtn.reportRequest(subset).getInt("reports") == 1
                && vtn.reportRequest(every).getInt("reports") == 1);
        Map<String, Object> report = vtn.received(subset).getMap("[0]");
        assertThat(report.get("reportName")).isEqualTo("HISTORY_USAGE");
        List<Map<String, Object>> intervals = intervals(report);
        assertThat(intervals).extracting(i -> Instant.parse((String) i.get("start")), i -> i.get("durationSeconds"))
                .containsExactly(tuple(t0, 20), tuple(t0.plusSeconds(20), 20), tuple(t0.plusSeconds(40), 20));
        List<List<Map<String, Object>>> values = intervalValues(report);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> plantD = value(values.get(i), "history-plant-d");
            assertThat(values.get(i)).hasSize(1);
            assertThat(((Number) plantD.get("value")).doubleValue()).as("interval %d", i).isCloseTo(expected[i],
                    Offset.offset(1e-4));
            // Site 2 reported the first 30 s: all of the first interval, half of the second, none of the third.
            assertThat(plantD.get("dataQuality")).isEqualTo(i == 0 ? GOOD : "Quality Uncertain - Sub Normal");
        }
        List<Object> registered = vtn.reports(registration.venId()).getList("offered").stream()
                .map(o -> (Map<?, ?>) o).filter(o -> "METADATA_HISTORY_USAGE".equals(o.get("reportName")))
                .flatMap(o -> ((List<?>) o.get("rIds")).stream()).map(Object.class::cast).toList();
        assertThat(registered).contains("history-plant-a", "history-plant-b", "history-plant-c", "history-plant-d");
        for (List<Map<String, Object>> interval : intervalValues(vtn.received(every).getMap("[0]"))) {
            assertThat(interval).as("every data point of the registered metadata, in every interval")
                    .extracting(v -> v.get("rId")).containsExactlyInAnyOrderElementsOf(registered);
            assertThat(value(interval, "history-plant-b").get("dataQuality")).isEqualTo("No Quality - No Value");
        }
        await("done").atMost(PATIENCE).until(() -> "COMPLETED".equals(status(subset)));
        await("the refusal").atMost(PATIENCE)
                .until(() -> vtn.reportRequest(noInterval).getString("venAnswerCode") != null);
        assertThat(vtn.reportRequest(noInterval).getString("venAnswerCode")).isEqualTo("454");
        assertThat(status(noInterval)).isNull();
    }

    private static SiteTelemetry telemetry(String site, Instant start, double kwh) {
        return new SiteTelemetry(site, start, start.plusSeconds(2), kwh * 1800, kwh, null, null, 0, 0, 0, 5000,
                new SiteTelemetry.MinerCounts(10, 10, 0, 0, 0), null, null, null, SiteTelemetry.Source.METER, 1);
    }

    private long coveredMs(String site, Instant from, Instant to) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT coalesce(sum(covered_ms), 0) FROM"
                        + " gateway.site_energy WHERE site_id = ? AND bucket_start >= ? AND bucket_start < ?")) {
            select.setString(1, site);
            Sql.setInstant(select, 2, from);
            Sql.setInstant(select, 3, to);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A restart: a new instance of the program's reports resumes the requests from PostgreSQL, asking nothing. */
    @Test
    void aRestartedProgramResumesItsRequestsWithoutRegisteringAgain() {
        String requestId = await("the scripted usage request, taken").atMost(PATIENCE)
                .until(this::scriptedUsageRequest, Objects::nonNull);
        await("its first report").atMost(PATIENCE).until(() -> vtn.reportRequest(requestId).getInt("reports") > 0);
        int registrations = vtn.reports(registration.venId()).getInt("metadataRegistrations");
        ProgramConfig program = config.programs().get(TestProgram.ID);
        RegistrationState state = new RegistrationState(program.poll());
        state.registered(registration);
        ProgramReports restarted = reports.forProgram(TestProgram.ID, program,
                new VtnClient(PayloadSignatures.none(xml), program.vtn(), Optional.empty()),
                state);

        restarted.bootstrap(registration);

        assertThat(restarted.running()).contains(requestId);
        assertThat(vtn.reports(registration.venId()).getInt("metadataRegistrations")).isEqualTo(registrations);
    }

    /**
     * Waits until a periodic report of the scripted usage request sums both sites of plant-a: the gateway has read
     * their telemetry (under load its consumer may join the topics seconds after the program registered).
     */
    private void bothSitesRead() {
        String scripted = await("the scripted usage request").atMost(PATIENCE).until(this::scriptedUsageRequest,
                Objects::nonNull);
        await("both sites' telemetry read").atMost(PATIENCE)
                .until(() -> lastInterval(scripted, "usage-plant-a", (float) (KW_A + KW_B)), Objects::nonNull);
    }

    /** The latest usage request the VTN made in answer to this VEN's metadata, once the VEN took it. */
    private String scriptedUsageRequest() {
        List<Map<String, Object>> requests = vtn.reports(registration.venId()).getList("requests");
        return requests.stream()
                .filter(r -> "oadrRegisteredReport".equals(r.get("via"))
                        && "TELEMETRY_USAGE".equals(r.get("reportName"))
                        && "200".equals(r.get("venAnswerCode")) && Boolean.TRUE.equals(r.get("pending")))
                .reduce((first, second) -> second).map(r -> (String) r.get("reportRequestId")).orElse(null);
    }

    /** The latest interval of the request in which {@code rId} has {@code value}, or null. */
    private List<Map<String, Object>> lastInterval(String requestId, String rId, float value) {
        List<Map<String, Object>> found = null;
        for (Map<String, Object> report : vtn.received(requestId).<Map<String, Object>>getList("$")) {
            for (List<Map<String, Object>> interval : intervalValues(report)) {
                Map<String, Object> v = value(interval, rId);
                if (v != null && ((Number) v.get("value")).floatValue() == value) {
                    found = interval;
                }
            }
        }
        return found;
    }

    /** Each interval of a received report, as its values. */
    @SuppressWarnings("unchecked")
    private static List<List<Map<String, Object>>> intervalValues(Map<String, Object> report) {
        List<List<Map<String, Object>>> values = new ArrayList<>();
        for (Map<String, Object> interval : (List<Map<String, Object>>) report.get("intervals")) {
            values.add((List<Map<String, Object>>) interval.get("values"));
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> intervals(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("intervals");
    }

    private static Map<String, Object> value(List<Map<String, Object>> values, String rId) {
        return values.stream().filter(v -> rId.equals(v.get("rId"))).findFirst().orElse(null);
    }

    private String status(String reportRequestId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT status FROM gateway.report_request WHERE program = ? AND report_request_id = ?")) {
            select.setString(1, TestProgram.ID);
            select.setString(2, reportRequestId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
