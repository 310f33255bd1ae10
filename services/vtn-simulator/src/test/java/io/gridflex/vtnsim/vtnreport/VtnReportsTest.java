package io.gridflex.vtnsim.vtnreport;

import static io.gridflex.vtnsim.VtnTestClient.code;
import static io.gridflex.vtnsim.VtnTestClient.poll;
import static io.gridflex.vtnsim.VtnTestClient.post;
import static io.gridflex.vtnsim.VtnTestClient.register;
import static io.gridflex.vtnsim.VtnTestClient.requestId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.IntervalType;
import io.gridflex.openadr.model.ei.PayloadFloatType;
import io.gridflex.openadr.model.oadr.OadrCanceledReportType;
import io.gridflex.openadr.model.oadr.OadrCreatedReportType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrRegisterReportType;
import io.gridflex.openadr.model.oadr.OadrReportPayloadType;
import io.gridflex.openadr.model.oadr.OadrReportType;
import io.gridflex.openadr.model.oadr.OadrUpdateReportType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * This VTN as a reporting party: it registers the reports it offers with a VEN, takes the VEN's requests (in its
 * oadrRegisteredReport or an oadrCreateReport), refuses what it does not offer, sends one-shot and periodic reports
 * at the VEN's polls, and stops on the VEN's cancellation.
 */
@QuarkusTest
class VtnReportsTest {

    private static final List<Map<String, Object>> OFFERS = List.of(Map.of("reportSpecifierId", "poi", "reportName",
            "METADATA_TELEMETRY_USAGE", "rIds", List.of("poi-1", "poi-2"), "minPeriodSeconds", 1,
            "maxPeriodSeconds", 60));

    @AfterEach
    void noOffers() {
        given().contentType(ContentType.JSON).body(List.of()).put("/admin/vtn-reports/offers").then()
                .statusCode(200);
    }

    @Test
    void theOffersAreRegisteredAtThePollAndARequestInTheAnswerIsTakenAndReported() throws InterruptedException {
        String venId = register("vtn-reports-piggy").venId();
        given().contentType(ContentType.JSON).body(OFFERS).put("/admin/vtn-reports/offers").then().statusCode(200);
        given().post("/admin/vtn-reports/vens/{venId}/register", venId).then().statusCode(200);

        OadrRegisterReportType register = poll(venId).getOadrSignedObject().getOadrRegisterReport();
        assertThat(register.getOadrReport()).singleElement().satisfies(r -> {
            assertThat(r.getReportSpecifierID()).isEqualTo("poi");
            assertThat(r.getReportName()).isEqualTo("METADATA_TELEMETRY_USAGE");
            assertThat(r.getOadrReportDescription()).extracting(d -> d.getRID()).containsExactly("poi-1", "poi-2");
        });

        // The VEN asks for a periodic report (1 s samples every 2 s) and a one-shot one in its answer.
        OadrPayload answer = post("EiReport", OadrReports.registeredReport(OadrMessages.eiResponse(
                OadrResponseCode.OK, "OK", register.getRequestID()), venId,
                List.of(
                        OadrReports.reportRequest("rq-periodic-" + venId, "poi", Duration.ofSeconds(1),
                                Duration.ofSeconds(2), List.of("poi-1", "poi-2")),
                        OadrReports.reportRequest("rq-once-" + venId, "poi", Duration.ZERO, Duration.ZERO,
                                List.of("poi-2")))));
        OadrCreatedReportType created = answer.getOadrSignedObject().getOadrCreatedReport();
        assertThat(code(created.getEiResponse())).isEqualTo("200");
        assertThat(created.getOadrPendingReports().getReportRequestID())
                .containsExactlyInAnyOrder("rq-periodic-" + venId, "rq-once-" + venId);

        OadrUpdateReportType once = poll(venId).getOadrSignedObject().getOadrUpdateReport();
        assertThat(once).as("the one-shot report, at the next poll").isNotNull();
        OadrReportType onceReport = once.getOadrReport().getFirst();
        assertThat(onceReport.getReportRequestID()).isIn("rq-once-" + venId, "rq-periodic-" + venId);

        Thread.sleep(2100);
        OadrUpdateReportType next = poll(venId).getOadrSignedObject().getOadrUpdateReport();
        OadrUpdateReportType third = poll(venId).getOadrSignedObject().getOadrUpdateReport();
        List<OadrReportType> reports = java.util.stream.Stream.of(once, next, third)
                .filter(java.util.Objects::nonNull).flatMap(u -> u.getOadrReport().stream()).toList();
        OadrReportType periodic = reports.stream().filter(r -> r.getReportRequestID().startsWith("rq-periodic"))
                .findFirst().orElseThrow();
        // 1 s intervals over at least the 2 s report-back period: a poll that comes late gets the seconds since too.
        int intervals = periodic.getIntervals().getInterval().size();
        assertThat(intervals).isBetween(2, 4);
        List<Float> values = values(periodic);
        assertThat(values).hasSize(2 * intervals);

        // What the admin API says it sent is what the report carried.
        JsonPath sent = given().get("/admin/vtn-reports/requests/{id}/sent", "rq-periodic-" + venId).then()
                .statusCode(200).extract().jsonPath();
        assertThat(sent.<Float>getList("value")).containsExactlyElementsOf(values);
        assertThat(reports.stream().filter(r -> r.getReportRequestID().startsWith("rq-once"))).hasSize(1);

        // The VEN answers; then cancels the periodic one: nothing more comes.
        post("EiReport", OadrReports.updatedReport(OadrMessages.eiResponse(OadrResponseCode.OK, "OK",
                third == null ? next.getRequestID() : third.getRequestID()), venId));
        OadrCanceledReportType canceled = post("EiReport", OadrReports.cancelReport(requestId(),
                List.of("rq-periodic-" + venId), false, venId)).getOadrSignedObject().getOadrCanceledReport();
        assertThat(code(canceled.getEiResponse())).isEqualTo("200");
        assertThat(canceled.getOadrPendingReports().getReportRequestID()).isEmpty();
        Thread.sleep(2100);
        assertThat(poll(venId).getOadrSignedObject().getOadrUpdateReport()).isNull();
        JsonPath ven = given().get("/admin/vtn-reports/vens/{venId}", venId).then().statusCode(200).extract()
                .jsonPath();
        assertThat(ven.<String>getList("subscriptions.status")).containsExactlyInAnyOrder("CANCELLED", "DONE");
        assertThat(ven.<String>getList("answers.responseCode")).containsExactly("200");
    }

    @Test
    void aRequestForWhatIsNotOfferedIsRefusedAndTheRestTaken() {
        String venId = register("vtn-reports-create").venId();
        given().contentType(ContentType.JSON).body(OFFERS).put("/admin/vtn-reports/offers").then().statusCode(200);

        OadrCreatedReportType created = post("EiReport", OadrReports.createReport(requestId(), venId, List.of(
                OadrReports.reportRequest("rq-good-" + venId, "poi", Duration.ofSeconds(1), Duration.ofSeconds(5),
                        List.of("poi-1")),
                OadrReports.reportRequest("rq-unknown-" + venId, "nothing", Duration.ZERO, Duration.ZERO,
                        List.of("poi-1")),
                OadrReports.reportRequest("rq-point-" + venId, "poi", Duration.ZERO, Duration.ZERO,
                        List.of("poi-9")),
                OadrReports.reportRequest("rq-slow-" + venId, "poi", Duration.ofSeconds(90), Duration.ofSeconds(90),
                        List.of("poi-1")))))
                .getOadrSignedObject().getOadrCreatedReport();

        assertThat(code(created.getEiResponse())).isEqualTo("452");
        assertThat(created.getEiResponse().getResponseDescription()).contains("nothing").contains("poi-9");
        assertThat(created.getOadrPendingReports().getReportRequestID()).containsExactly("rq-good-" + venId);
        // Cancelling a request never made: 452.
        OadrCanceledReportType canceled = post("EiReport", OadrReports.cancelReport(requestId(),
                List.of("rq-never-" + venId), false, venId)).getOadrSignedObject().getOadrCanceledReport();
        assertThat(code(canceled.getEiResponse())).isEqualTo("452");
        assertThat(canceled.getOadrPendingReports().getReportRequestID()).containsExactly("rq-good-" + venId);
        post("EiReport", OadrReports.cancelReport(requestId(), List.of("rq-good-" + venId), false, venId));
    }

    private static List<Float> values(OadrReportType report) {
        return report.getIntervals().getInterval().stream().flatMap((IntervalType i) -> i.getStreamPayloadBase()
                .stream()).map(e -> (OadrReportPayloadType) e.getValue())
                .map(p -> ((PayloadFloatType) p.getPayloadBase().getValue()).getValue()).toList();
    }

}
