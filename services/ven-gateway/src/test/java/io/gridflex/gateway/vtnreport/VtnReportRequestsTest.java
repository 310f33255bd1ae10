package io.gridflex.gateway.vtnreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gridflex.gateway.program.Programs;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.support.Api;
import io.gridflex.gateway.support.TestProgram;
import io.gridflex.gateway.support.VtnAdmin;
import io.gridflex.gateway.support.VtnSimulator;
import io.gridflex.gateway.support.VtnSimulatorTestResource;
import io.gridflex.gateway.vtn.VtnAnswers;
import io.gridflex.gateway.vtn.VtnService;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.ReportReading;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrUpdateReportType;
import io.gridflex.openadr.model.oadr.OadrUpdatedReportType;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The VEN asks the VTN simulator for the VTN's own reports: the simulator offers two (point-of-interconnection usage
 * with two data points, a feeder's history with one); the program's configuration wants the first periodically and
 * the second once, both asked in the oadrRegisteredReport answering the VTN's metadata. An operator asks for more
 * through the API and cancels. What the gateway stores is compared with what the simulator says it sent.
 */
@QuarkusTest
@WithTestResource(VtnReportRequestsTest.Resources.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(VtnSimulatorTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "ven-gateway"))
class VtnReportRequestsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String POI = "vtn-poi-usage";
    private static final String FEEDER = "vtn-feeder-history";
    private static final List<Map<String, Object>> OFFERS = List.of(
            Map.of("reportSpecifierId", POI, "reportName", "METADATA_TELEMETRY_USAGE", "rIds",
                    List.of("poi-1", "poi-2"), "minPeriodSeconds", 1, "maxPeriodSeconds", 60),
            Map.of("reportSpecifierId", FEEDER, "reportName", "METADATA_HISTORY_USAGE", "rIds", List.of("feeder-1"),
                    "minPeriodSeconds", 60, "maxPeriodSeconds", 3600));

    /** The program wants the VTN's usage every 2 s sampled at 1 s, and its feeder history once (one-shot). */
    public static class Resources implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of("gridflex.gateway.programs.default.vtn-reports.poi.report", "TELEMETRY_USAGE",
                    "gridflex.gateway.programs.default.vtn-reports.poi.granularity", "1s",
                    "gridflex.gateway.programs.default.vtn-reports.poi.report-back", "2s",
                    "gridflex.gateway.programs.default.vtn-reports.feeder.report", FEEDER);
        }

        @Override
        public void stop() {
            new VtnAdmin(VtnSimulator.shared().baseUrl()).offerVtnReports(List.of());
        }
    }

    @Inject
    Programs programs;

    @Inject
    DataSource dataSource;

    private final VtnAdmin vtn = new VtnAdmin(VtnSimulator.shared().baseUrl());
    private Registration registration;

    @BeforeEach
    void registeredAndOffered() {
        registration = await("registration with the VTN").atMost(PATIENCE)
                .until(() -> TestProgram.state(programs).current().orElse(null), Objects::nonNull);
        vtn.offerVtnReports(OFFERS);
        if (configured(POI, VtnRequest.Status.ACTIVE).isEmpty()) {
            // First, or a test before cancelled it: the VTN registers its reports, the VEN asks for them.
            vtn.registerVtnReports(registration.venId());
            await("the VTN's offers, stored").atMost(PATIENCE).until(() -> desk().overview().offers().size() == 2);
            await("the periodic usage request, active").atMost(PATIENCE)
                    .until(() -> configured(POI, VtnRequest.Status.ACTIVE).isPresent());
        }
    }

    @AfterEach
    void cancelWhatIsOpen() {
        // Nothing keeps reporting into the next test, nor into another test class sharing the simulator.
        // A one-shot request may complete between the listing and its cancel: that one has ended by itself.
        desk().overview().requests().stream().filter(r -> r.status().open()).forEach(r -> {
            try {
                desk().operator().cancel(r.reportRequestId());
            } catch (IllegalStateException endedMeanwhile) {
                assertThat(request(r.reportRequestId()).status().open()).as(endedMeanwhile.getMessage()).isFalse();
            }
        });
    }

    @Test
    void theConfiguredReportsAreAskedInTheAnswerToTheVtnsMetadataAndWhatItSendsIsKept() {
        VtnRequest usage = await("the periodic usage request, active").atMost(PATIENCE)
                .until(() -> configured(POI, VtnRequest.Status.ACTIVE), Optional::isPresent).orElseThrow();
        VtnRequest feeder = await("the one-shot feeder request, completed").atMost(PATIENCE)
                .until(() -> configured(FEEDER, VtnRequest.Status.COMPLETED), Optional::isPresent).orElseThrow();

        assertThat(usage.via()).isEqualTo(VtnRequest.PIGGY_BACKED);
        assertThat(usage.rIds()).containsExactly("poi-1", "poi-2");
        assertThat(usage.granularity()).isEqualTo(Duration.ofSeconds(1));
        assertThat(usage.reportBack()).isEqualTo(Duration.ofSeconds(2));
        assertThat(feeder.via()).isEqualTo(VtnRequest.PIGGY_BACKED);
        assertThat(feeder.reportName()).isEqualTo("HISTORY_USAGE");
        assertThat(feeder.oneShot()).isTrue();
        // Both went in one oadrRegisteredReport, which the VTN answered with one oadrCreatedReport.
        JsonPath atVtn = vtn.vtnReportsOf(registration.venId());
        assertThat(atVtn.<String>getList("subscriptions.findAll { it.reportRequestId in ['"
                + usage.reportRequestId() + "', '" + feeder.reportRequestId() + "'] }.via"))
                .containsOnly("oadrRegisteredReport").hasSize(2);

        // The periodic report keeps coming: wait for three, then compare all that was stored with all that was sent.
        await("three usage reports").atMost(PATIENCE)
                .until(() -> sentAt(usage.reportRequestId()).size() >= 3 * 2 * 2);
        await("every usage value stored").atMost(PATIENCE).until(() -> stored(usage.reportRequestId())
                .containsAll(sentAt(usage.reportRequestId())));
        assertThat(stored(feeder.reportRequestId())).isEqualTo(sentAt(feeder.reportRequestId())).hasSize(1);
        assertThat(sentAt(usage.reportRequestId()).stream().map(s -> s.split(" ")[2]).distinct())
                .as("sampled at 1 s").containsOnly("1");

        // The VEN answered every report 200 (oadrUpdatedReport).
        assertThat(vtn.vtnReportsOf(registration.venId()).<String>getList("answers.responseCode")).isNotEmpty()
                .containsOnly("200");
        VtnRequest afterReports = request(usage.reportRequestId());
        assertThat(afterReports.status()).isEqualTo(VtnRequest.Status.ACTIVE);
        assertThat(afterReports.lastUpdateAt()).isNotNull();

        // The VTN registers its reports again: the one-shot report is asked for again, the periodic one is not.
        long oneShots = desk().overview().requests().stream()
                .filter(r -> r.reportSpecifierId().equals(FEEDER)).count();
        vtn.registerVtnReports(registration.venId());
        await("a second one-shot request").atMost(PATIENCE).until(() -> desk().overview().requests().stream()
                .filter(r -> r.reportSpecifierId().equals(FEEDER)).count() == oneShots + 1);
        assertThat(desk().overview().requests().stream().filter(r -> r.reportSpecifierId().equals(POI)
                && r.via().equals(VtnRequest.PIGGY_BACKED) && r.status().open()))
                .extracting(VtnRequest::reportRequestId).containsExactly(usage.reportRequestId());

        // Readings over the API, as an operator sees them.
        List<Map<String, Object>> readings = Api.asOperator()
                .get("/api/programs/default/vtn-reports/requests/{id}/readings", feeder.reportRequestId()).then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertThat(readings).hasSize(1);
        assertThat(readings.getFirst()).containsEntry("rId", "feeder-1").containsEntry("duration", "PT1M")
                .containsEntry("dataQuality", "Quality Good - Non Specific");
    }

    @Test
    void anOperatorAsksForSeveralReportsAtOnceAndCancelsOne() {
        List<Map<String, Object>> made = Api.asOperator().contentType(ContentType.JSON)
                .body(Map.of("reports", List.of(
                        Map.of("report", POI, "rIds", List.of("poi-2"), "reportBack", "PT0S"),
                        Map.of("report", "TELEMETRY_USAGE", "granularity", "PT1S", "reportBack", "PT1S"))))
                .post("/api/programs/default/vtn-reports/requests").then().statusCode(201).extract().jsonPath()
                .getList("$");
        assertThat(made).hasSize(2).allSatisfy(r -> assertThat(r).containsEntry("status", "ACTIVE")
                .containsEntry("requestedVia", "oadrCreateReport"));
        // Answered in the order asked.
        assertThat(made).extracting(r -> r.get("reportBack")).containsExactly("PT0S", "PT1S");
        String oneShot = (String) made.get(0).get("reportRequestId");
        String periodic = (String) made.get(1).get("reportRequestId");

        await("the one-shot report").atMost(PATIENCE)
                .until(() -> request(oneShot).status() == VtnRequest.Status.COMPLETED);
        assertThat(stored(oneShot)).isEqualTo(sentAt(oneShot)).hasSize(1)
                .allSatisfy(s -> assertThat(s).startsWith("poi-2 "));
        await("two periodic reports").atMost(PATIENCE).until(() -> sentAt(periodic).size() >= 2 * 2);

        Map<String, Object> cancelled = Api.asOperator()
                .delete("/api/programs/default/vtn-reports/requests/{id}", periodic).then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertThat(cancelled).containsEntry("status", "CANCELLED");
        assertThat(vtn.vtnReportsOf(registration.venId()).<String>getList(
                "subscriptions.findAll { it.reportRequestId == '" + periodic + "' }.status"))
                .containsExactly("CANCELLED");
        int sentWhenCancelled = sentAt(periodic).size();
        Instant later = Instant.now().plusSeconds(3);
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(later));
        assertThat(sentAt(periodic)).as("nothing after the cancellation").hasSize(sentWhenCancelled);
        assertThat(stored(periodic)).containsAll(sentAt(periodic));

        // Cancelling again: it has ended.
        Api.asOperator().delete("/api/programs/default/vtn-reports/requests/{id}", periodic).then().statusCode(409);
    }

    @Test
    void aRequestTheVtnsOfferCannotServeIsRefusedBeforeAnythingIsSent() {
        int before = vtn.vtnReportsOf(registration.venId()).getList("subscriptions").size();
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("report", "TELEMETRY_STATUS"),
                Map.of("report", POI, "rIds", List.of("poi-9")),
                Map.of("report", POI, "granularity", "PT0.5S", "reportBack", "PT2S"),
                Map.of("report", FEEDER, "granularity", "PT2H"))) {
            String detail = Api.asOperator().contentType(ContentType.JSON).body(Map.of("reports", List.of(bad)))
                    .post("/api/programs/default/vtn-reports/requests").then().statusCode(400).extract()
                    .path("detail");
            assertThat(detail).as(bad.toString()).isNotBlank();
        }
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("reports", List.of(Map.of("report", POI,
                "granularity", "one minute")))).post("/api/programs/default/vtn-reports/requests").then()
                .statusCode(400);
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("reports", List.of()))
                .post("/api/programs/default/vtn-reports/requests").then().statusCode(400);
        Api.as("audrey").contentType(ContentType.JSON).body(Map.of("reports", List.of(Map.of("report", POI))))
                .post("/api/programs/default/vtn-reports/requests").then().statusCode(403);
        Api.asOperator().get("/api/programs/default/vtn-reports/requests/{id}/readings", "never-made").then()
                .statusCode(404);
        Api.asOperator().delete("/api/programs/default/vtn-reports/requests/{id}", "never-made").then()
                .statusCode(404);
        Api.asOperator().get("/api/programs/nowhere/vtn-reports").then().statusCode(404);
        assertThat(vtn.vtnReportsOf(registration.venId()).getList("subscriptions")).hasSize(before);
    }

    @Test
    void aReportOfARequestNeverMadeOrOfADataPointNotAskedForIsRefusedWholeAndNothingIsKept()
            throws SQLException {
        String usage = await("the periodic usage request, active").atMost(PATIENCE)
                .until(() -> configured(POI, VtnRequest.Status.ACTIVE), Optional::isPresent).orElseThrow()
                .reportRequestId();
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(3600);
        // The simulator keeps reporting the current intervals meanwhile: only rows at this hour-old start count.
        long rowsBefore = readingRows(start);

        // One good report beside one of a request never made: 452, and not even the good one is kept.
        OadrUpdatedReportType unknown = answer(update(
                OadrReports.telemetryReport("TELEMETRY_USAGE", usage, POI, Instant.now(), start,
                        Duration.ofSeconds(1), List.of(new ReportReading(start, Duration.ofSeconds(1), "poi-1", 1f))),
                OadrReports.telemetryReport("TELEMETRY_USAGE", "never-made", POI, Instant.now(), start,
                        Duration.ofSeconds(1), List.of(new ReportReading(start, Duration.ofSeconds(1), "poi-1", 2f)))));
        assertThat(unknown.getEiResponse().getResponseCode()).isEqualTo("452");
        assertThat(unknown.getEiResponse().getResponseDescription()).contains("never-made");

        OadrUpdatedReportType stranger = answer(update(OadrReports.telemetryReport("TELEMETRY_USAGE", usage, POI,
                Instant.now(), start, Duration.ofSeconds(1),
                List.of(new ReportReading(start, Duration.ofSeconds(1), "poi-9", 3f)))));
        assertThat(stranger.getEiResponse().getResponseCode()).isEqualTo("452");
        assertThat(stranger.getEiResponse().getResponseDescription()).contains("poi-9");
        assertThat(readingRows(start)).as("nothing of either kept").isEqualTo(rowsBefore).isZero();

        // The same report twice: kept once; a correction created later replaces it, an older one does not.
        Instant created = Instant.now();
        for (float value : new float[]{5f, 5f}) {
            assertThat(answer(update(usageReport(usage, start, created, value))).getEiResponse().getResponseCode())
                    .isEqualTo("200");
        }
        assertThat(answer(update(usageReport(usage, start, created.plusSeconds(1), 6f))).getEiResponse()
                .getResponseCode()).isEqualTo("200");
        assertThat(answer(update(usageReport(usage, start, created.minusSeconds(1), 4f))).getEiResponse()
                .getResponseCode()).isEqualTo("200");
        List<VtnReading> kept = desk().readings(usage, start, 10).stream()
                .filter(r -> r.intervalStart().equals(start)).toList();
        assertThat(kept).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(6.0));

        // Readings older than the retention (40 days) go at the next hourly prune; the others stay.
        Instant old = start.minus(Duration.ofDays(41));
        assertThat(answer(update(usageReport(usage, old, created, 7f))).getEiResponse().getResponseCode())
                .isEqualTo("200");
        assertThat(desk().readings(usage, old, 10)).extracting(VtnReading::intervalStart).contains(old);
        assertThat(desk().pruneWhenDue(Instant.now().plus(Duration.ofHours(2)))).isPositive();
        assertThat(desk().readings(usage, old, 10_000)).extracting(VtnReading::intervalStart).doesNotContain(old)
                .contains(start);
    }

    private static io.gridflex.openadr.model.oadr.OadrReportType usageReport(String id, Instant start,
            Instant created, float value) {
        return OadrReports.telemetryReport("TELEMETRY_USAGE", id, POI, created, start, Duration.ofSeconds(1),
                List.of(new ReportReading(start, Duration.ofSeconds(1), "poi-1", value)));
    }

    private OadrUpdateReportType update(io.gridflex.openadr.model.oadr.OadrReportType... reports) {
        return OadrMessages.body(OadrReports.updateReport("test-" + System.nanoTime(), registration.venId(),
                List.of(reports))) instanceof OadrUpdateReportType u ? u : null;
    }

    /** Hands the update to the program as if its VTN had pushed it; returns the answer that would go back. */
    private OadrUpdatedReportType answer(OadrUpdateReportType update) {
        List<OadrPayload> answers = new ArrayList<>();
        desk().update(update, registration, new VtnAnswers() {

            @Override
            public Optional<OadrPayload> answer(VtnService service, OadrPayload answer) {
                answers.add(answer);
                return Optional.empty();
            }

            @Override
            public void afterwards(Runnable send) {
                send.run();
            }
        });
        return (OadrUpdatedReportType) OadrMessages.body(answers.getFirst());
    }

    /** Every program's readings of intervals starting at {@code start}. */
    private long readingRows(Instant start) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement(
                        "SELECT count(*) FROM gateway.vtn_report_reading WHERE interval_start = ?")) {
            count.setObject(1, start.atOffset(java.time.ZoneOffset.UTC));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private VtnReportDesk desk() {
        return TestProgram.connection(programs).reports().vtnReports();
    }

    private Optional<VtnRequest> configured(String specifier, VtnRequest.Status status) {
        return desk().overview().requests().stream()
                .filter(r -> r.reportSpecifierId().equals(specifier) && r.status() == status
                        && r.via().equals(VtnRequest.PIGGY_BACKED)
                        && r.registrationId().equals(registration.registrationId()))
                .findFirst();
    }

    private VtnRequest request(String id) {
        return desk().overview().requests().stream().filter(r -> r.reportRequestId().equals(id)).findFirst()
                .orElseThrow();
    }

    /** What the simulator sent for a request: "rId start durationSeconds value", one per value. */
    private Set<String> sentAt(String reportRequestId) {
        return vtn.vtnReportSent(reportRequestId).stream()
                .map(s -> s.get("rId") + " " + Instant.parse((String) s.get("start")) + " " + s.get("durationSeconds")
                        + " " + ((Number) s.get("value")).floatValue())
                .collect(Collectors.toSet());
    }

    /** What the gateway kept for a request, in the same form. */
    private Set<String> stored(String reportRequestId) {
        return desk().readings(reportRequestId, null, 10_000).stream()
                .map(r -> r.rId() + " " + r.intervalStart() + " " + r.duration().toSeconds() + " "
                        + r.value().floatValue())
                .collect(Collectors.toSet());
    }
}
