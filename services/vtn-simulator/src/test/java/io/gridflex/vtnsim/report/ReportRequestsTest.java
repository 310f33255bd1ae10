package io.gridflex.vtnsim.report;

import static io.gridflex.vtnsim.VtnTestClient.code;
import static io.gridflex.vtnsim.VtnTestClient.createEvent;
import static io.gridflex.vtnsim.VtnTestClient.distribution;
import static io.gridflex.vtnsim.VtnTestClient.poll;
import static io.gridflex.vtnsim.VtnTestClient.post;
import static io.gridflex.vtnsim.VtnTestClient.register;
import static io.gridflex.vtnsim.VtnTestClient.requestId;
import static io.gridflex.vtnsim.VtnTestClient.response;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.ReportDataPoint;
import io.gridflex.openadr.ReportReading;
import io.gridflex.openadr.SamplingRate;
import io.gridflex.openadr.StatusReading;
import io.gridflex.openadr.model.oadr.OadrCancelReportType;
import io.gridflex.openadr.model.oadr.OadrCreateReportType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrRegisteredReportType;
import io.gridflex.openadr.model.oadr.OadrReportRequestType;
import io.gridflex.openadr.model.oadr.OadrReportType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * This VTN as a report requestor: it keeps what a VEN offers, asks for reports at registration (scripted) and in poll
 * replies (admin API), cancels them, and keeps what the VEN sends, for the admin API to show.
 */
@QuarkusTest
class ReportRequestsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T05:22:40Z");

    @AfterEach
    void noScript() {
        script(List.of());
    }

    @Test
    void theScriptedRequestGoesWithTheAnswerToTheVensMetadata() {
        String venId = register("reports-script").venId();
        script(List.of(Map.of("reportName", "TELEMETRY_USAGE", "granularitySeconds", 2, "reportBackSeconds", 4)));
        String registerId = requestId();

        OadrRegisteredReportType registered = post("EiReport", OadrReports.registerReport(registerId, venId,
                metadata())).getOadrSignedObject().getOadrRegisteredReport();

        assertThat(code(registered.getEiResponse())).isEqualTo("200");
        OadrReportRequestType request = registered.getOadrReportRequest().getFirst();
        assertThat(registered.getOadrReportRequest()).hasSize(1);
        assertThat(request.getReportSpecifier().getReportSpecifierID()).isEqualTo("usage-spec");
        assertThat(request.getReportSpecifier().getGranularity().getDuration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(request.getReportSpecifier().getReportBackDuration().getDuration())
                .isEqualTo(Duration.ofSeconds(4));
        assertThat(request.getReportSpecifier().getSpecifierPayload()).extracting(p -> p.getRID())
                .containsExactly("usage-a", "usage-b");

        // The VEN takes it (oadrCreatedReport answering its own registration's requestID) and reports.
        post("EiReport", OadrReports.createdReport(OadrMessages.eiResponse(OadrResponseCode.OK, "OK", registerId),
                venId, List.of(request.getReportRequestID())));
        post("EiReport", OadrReports.updateReport(requestId(), venId, List.of(OadrReports.telemetryReport(
                request.getReportRequestID(), "usage-spec", NOW, NOW, Duration.ofSeconds(4), List.of(
                        new ReportReading(NOW, Duration.ofSeconds(2), "usage-a", 812.5f,
                                "Quality Good - Non Specific"),
                        new ReportReading(NOW, Duration.ofSeconds(2), "usage-b", 40f))))));

        JsonPath view = request(request.getReportRequestID());
        assertThat(view.getString("via")).isEqualTo("oadrRegisteredReport");
        assertThat(view.getString("venAnswerCode")).isEqualTo("200");
        assertThat(view.getBoolean("pending")).isTrue();
        assertThat(view.getInt("reports")).isEqualTo(1);
        JsonPath received = given().get("/admin/reports/requests/{id}/received", request.getReportRequestID())
                .then().statusCode(200).extract().jsonPath();
        assertThat(received.getList("[0].intervals[0].values.rId")).containsExactly("usage-a", "usage-b");
        assertThat(received.getFloat("[0].intervals[0].values[0].value")).isEqualTo(812.5f);
        assertThat(received.getString("[0].intervals[0].values[0].dataQuality"))
                .isEqualTo("Quality Good - Non Specific");
    }

    @Test
    void aHeldVenGetsNothingUntilReleasedThenItsQueueOnePollAtATime() {
        String venId = register("reports-held").venId();
        post("EiReport", OadrReports.registerReport(requestId(), venId, metadata()));
        given().post("/admin/vens/{venId}/hold", venId).then().statusCode(204);
        String eventId = createEvent(venId, 1500, 900);
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("venId", venId, "reportName", "TELEMETRY_STATUS", "granularitySeconds", 0,
                        "reportBackSeconds", 0))
                .post("/admin/reports/requests").then().statusCode(201).extract().path("reportRequestId");

        assertThat(code(response(poll(venId)).getEiResponse())).as("held back").isEqualTo("200");
        given().post("/admin/vens/{venId}/release", venId).then().statusCode(204);
        given().post("/admin/vens/{venId}/release", venId).then().statusCode(404);
        given().post("/admin/vens/{venId}/hold", "ven-unknown").then().statusCode(404);

        assertThat(poll(venId).getOadrSignedObject().getOadrCreateReport().getOadrReportRequest()).as("first")
                .singleElement().satisfies(r -> assertThat(r.getReportRequestID()).isEqualTo(id));
        assertThat(distribution(poll(venId)).getOadrEvent()).as("then").singleElement()
                .satisfies(e -> assertThat(e.getEiEvent().getEventDescriptor().getEventID()).isEqualTo(eventId));
        assertThat(code(response(poll(venId)).getEiResponse())).as("then nothing").isEqualTo("200");
    }

    @Test
    void aCancellationCanRideOnTheReplyToTheVensNextReport() {
        String venId = register("reports-piggy").venId();
        post("EiReport", OadrReports.registerReport(requestId(), venId, metadata()));
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("venId", venId, "reportName", "TELEMETRY_STATUS", "granularitySeconds", 0,
                        "reportBackSeconds", 0))
                .post("/admin/reports/requests").then().statusCode(201).extract().path("reportRequestId");
        OadrCreateReportType create = poll(venId).getOadrSignedObject().getOadrCreateReport();
        post("EiReport", OadrReports.createdReport(OadrMessages.eiResponse(OadrResponseCode.OK, "OK",
                create.getRequestID()), venId, List.of(id)));
        given().contentType(ContentType.JSON).body(Map.of("via", "somewhere"))
                .post("/admin/reports/requests/{id}/cancel", id).then().statusCode(400);

        given().contentType(ContentType.JSON).body(Map.of("reportToFollow", false, "via", "updatedReport"))
                .post("/admin/reports/requests/{id}/cancel", id).then().statusCode(200);

        assertThat(poll(venId).getOadrSignedObject().getOadrResponse()).as("not in a poll reply").isNotNull();
        OadrPayload updated = post("EiReport", OadrReports.updateReport(requestId(), venId, List.of(
                OadrReports.statusReport(id, "status-spec", NOW, NOW, Duration.ZERO, List.of(new StatusReading(NOW,
                        Duration.ZERO, "status-a", true, false, null))))));
        OadrCancelReportType cancel = updated.getOadrSignedObject().getOadrUpdatedReport().getOadrCancelReport();
        assertThat(cancel.getReportRequestID()).containsExactly(id);
        assertThat(cancel.isReportToFollow()).isFalse();
        assertThat(request(id).getString("cancelDeliveredAt")).isNotNull();
        post("EiReport", OadrReports.canceledReport(OadrMessages.eiResponse(OadrResponseCode.OK, "OK",
                cancel.getRequestID()), venId, List.of()));
        assertThat(request(id).getString("cancelAnswerCode")).isEqualTo("200");
        OadrPayload next = post("EiReport", OadrReports.updateReport(requestId(), venId, List.of(
                OadrReports.statusReport(id, "status-spec", NOW, NOW, Duration.ZERO, List.of(new StatusReading(NOW,
                        Duration.ZERO, "status-a", true, false, null))))));
        assertThat(next.getOadrSignedObject().getOadrUpdatedReport().getOadrCancelReport()).as("carried once")
                .isNull();
    }

    @Test
    void aRequestAndItsCancellationReachTheVenWithItsPolls() {
        String venId = register("reports-poll").venId();
        post("EiReport", OadrReports.registerReport(requestId(), venId, metadata()));

        String id = given().contentType(ContentType.JSON)
                .body(Map.of("venId", venId, "reportName", "TELEMETRY_STATUS", "granularitySeconds", 0,
                        "reportBackSeconds", 0))
                .post("/admin/reports/requests").then().statusCode(201)
                .body("deliveredAt", nullValue()).extract().path("reportRequestId");

        OadrCreateReportType create = poll(venId).getOadrSignedObject().getOadrCreateReport();
        assertThat(create).as("the request rides on the poll reply").isNotNull();
        assertThat(create.getOadrReportRequest().getFirst().getReportRequestID()).isEqualTo(id);
        assertThat(create.getOadrReportRequest().getFirst().getReportSpecifier().getSpecifierPayload())
                .extracting(p -> p.getRID()).containsExactly("status-a");
        assertThat(request(id).getString("deliveredAt")).isNotNull();
        assertThat(poll(venId).getOadrSignedObject().getOadrResponse()).as("nothing more queued").isNotNull();
        post("EiReport", OadrReports.createdReport(OadrMessages.eiResponse(OadrResponseCode.OK, "OK",
                create.getRequestID()), venId, List.of(id)));
        post("EiReport", OadrReports.updateReport(requestId(), venId, List.of(OadrReports.statusReport(id,
                "status-spec", NOW, NOW, Duration.ZERO, List.of(new StatusReading(NOW, Duration.ZERO, "status-a",
                        true, false, new StatusReading.LoadControlState(null, null,
                                new StatusReading.Value(0f, 50f, 12.5f, 0f), null)))))));

        given().contentType(ContentType.JSON).body(Map.of("reportToFollow", true))
                .post("/admin/reports/requests/{id}/cancel", id).then().statusCode(200)
                .body("cancelRequested", equalTo(true));
        OadrCancelReportType cancel = poll(venId).getOadrSignedObject().getOadrCancelReport();
        assertThat(cancel.getReportRequestID()).containsExactly(id);
        assertThat(cancel.isReportToFollow()).isTrue();
        post("EiReport", OadrReports.canceledReport(OadrMessages.eiResponse(OadrResponseCode.OK, "OK",
                cancel.getRequestID()), venId, List.of()));

        JsonPath view = request(id);
        assertThat(view.getString("cancelDeliveredAt")).isNotNull();
        assertThat(view.getString("cancelAnswerCode")).isEqualTo("200");
        assertThat(view.getBoolean("pending")).isFalse();
        JsonPath ven = given().get("/admin/reports/vens/{venId}", venId).then().statusCode(200).extract()
                .jsonPath();
        assertThat(ven.getList("offered.reportName")).containsExactly("METADATA_TELEMETRY_USAGE",
                "METADATA_TELEMETRY_STATUS");
        assertThat(ven.getInt("metadataRegistrations")).isEqualTo(1);
        assertThat(ven.getBoolean("received[0].intervals[0].values[0].online")).isTrue();
        assertThat(ven.getFloat("received[0].intervals[0].values[0].percentOffset")).isEqualTo(12.5f);
    }

    @Test
    void severalRequestsGoInOneCreateReportAndOneAnswerTakesThemAll() {
        String venId = register("reports-batch").venId();
        post("EiReport", OadrReports.registerReport(requestId(), venId, metadata()));

        List<String> ids = given().contentType(ContentType.JSON)
                .body(List.of(Map.of("venId", venId, "reportName", "TELEMETRY_STATUS", "granularitySeconds", 0,
                        "reportBackSeconds", 0),
                        Map.of("venId", venId, "reportName", "TELEMETRY_USAGE",
                                "granularitySeconds", 2, "reportBackSeconds", 4)))
                .post("/admin/reports/requests/batch").then().statusCode(201).extract().path("reportRequestId");

        OadrCreateReportType create = poll(venId).getOadrSignedObject().getOadrCreateReport();
        assertThat(create.getOadrReportRequest()).extracting(r -> r.getReportRequestID())
                .containsExactlyElementsOf(ids);
        assertThat(poll(venId).getOadrSignedObject().getOadrResponse()).as("one message for both").isNotNull();
        post("EiReport", OadrReports.createdReport(OadrMessages.eiResponse(OadrResponseCode.OK, "OK",
                create.getRequestID()), venId, List.of(ids.get(1))));
        assertThat(request(ids.get(0)).getString("venAnswerCode")).isEqualTo("200");
        assertThat(request(ids.get(1)).getString("venAnswerCode")).isEqualTo("200");
        assertThat(request(ids.get(1)).getBoolean("pending")).isTrue();

        // Sent again as it was: the same message, the same requestID.
        given().post("/admin/reports/requests/{id}/repeat", ids.get(1)).then().statusCode(200);
        OadrCreateReportType again = poll(venId).getOadrSignedObject().getOadrCreateReport();
        assertThat(again.getRequestID()).isEqualTo(create.getRequestID());
        assertThat(again.getOadrReportRequest()).extracting(r -> r.getReportRequestID())
                .containsExactlyElementsOf(ids);
        given().post("/admin/reports/requests/{id}/repeat", "rr-none").then().statusCode(404);

        // One VEN per message; and none is queued when one of them is wrong.
        given().contentType(ContentType.JSON).body(List.of(Map.of("venId", venId, "reportName", "TELEMETRY_STATUS",
                "granularitySeconds", 0, "reportBackSeconds", 0),
                Map.of("venId", venId, "reportName",
                        "HISTORY_USAGE", "granularitySeconds", 0, "reportBackSeconds", 0)))
                .post("/admin/reports/requests/batch").then().statusCode(409);
        String other = register("reports-batch-other").venId();
        given().contentType(ContentType.JSON).body(List.of(Map.of("venId", venId, "reportName", "TELEMETRY_STATUS",
                "granularitySeconds", 0, "reportBackSeconds", 0),
                Map.of("venId", other, "reportSpecifierId", "x",
                        "rIds", List.of("x"), "granularitySeconds", 0, "reportBackSeconds", 0)))
                .post("/admin/reports/requests/batch").then().statusCode(400);
        given().contentType(ContentType.JSON).body(List.of()).post("/admin/reports/requests/batch").then()
                .statusCode(400);
        assertThat(poll(venId).getOadrSignedObject().getOadrResponse()).as("nothing more queued").isNotNull();
        assertThat(given().get("/admin/reports/vens/{venId}", venId).then().statusCode(200).extract().jsonPath()
                .getList("requests")).hasSize(2);
    }

    @Test
    void aRequestMayNameAReportTheVenNeverOffered() {
        String venId = register("reports-negative").venId();

        given().contentType(ContentType.JSON).body(Map.of("venId", venId, "reportSpecifierId", "NOT-OFFERED",
                "rIds", List.of("x"), "granularitySeconds", 2, "reportBackSeconds", 2))
                .post("/admin/reports/requests").then().statusCode(201);

        OadrCreateReportType create = poll(venId).getOadrSignedObject().getOadrCreateReport();
        assertThat(create.getOadrReportRequest().getFirst().getReportSpecifier().getReportSpecifierID())
                .isEqualTo("NOT-OFFERED");
    }

    @Test
    void badAdminRequestsChangeNothing() {
        String venId = register("reports-bad").venId();
        post("EiReport", OadrReports.registerReport(requestId(), venId, metadata()));

        given().contentType(ContentType.JSON).body(Map.of("venId", venId, "reportName", "TELEMETRY_USAGE",
                "granularitySeconds", -1, "reportBackSeconds", 2)).post("/admin/reports/requests")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("venId", "ven-nobody", "reportName", "TELEMETRY_USAGE",
                "granularitySeconds", 2, "reportBackSeconds", 2)).post("/admin/reports/requests")
                .then().statusCode(400).body("error", equalTo("unknown-ven"));
        given().contentType(ContentType.JSON).body(Map.of("venId", venId, "reportName", "HISTORY_USAGE",
                "granularitySeconds", 2, "reportBackSeconds", 2)).post("/admin/reports/requests")
                .then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("reportToFollow", false))
                .post("/admin/reports/requests/{id}/cancel", "rr-none").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("requests", List.of(Map.of("granularitySeconds", 1,
                "reportBackSeconds", 1)))).put("/admin/reports/on-registration").then().statusCode(400);

        assertThat(poll(venId).getOadrSignedObject().getOadrResponse()).as("nothing was queued").isNotNull();
        assertThat(given().get("/admin/reports/vens/{venId}", venId).then().statusCode(200).extract().jsonPath()
                .getList("requests")).isEmpty();
    }

    private static List<OadrReportType> metadata() {
        SamplingRate rate = new SamplingRate(Duration.ofSeconds(1), Duration.ofHours(1), false);
        return List.of(
                OadrReports.metadata(OadrReports.METADATA_TELEMETRY_USAGE, "usage-spec", NOW, rate,
                        OadrMessages.kilowatts(), List.of(new ReportDataPoint("usage-a", "a", "usage", "Direct Read"),
                                new ReportDataPoint("usage-b", "b", "usage", "Direct Read"))),
                OadrReports.metadata(OadrReports.METADATA_TELEMETRY_STATUS, "status-spec", NOW, rate, null,
                        List.of(new ReportDataPoint("status-a", "a", "x-resourceStatus", "x-notApplicable"))));
    }

    private static void script(List<Map<String, Object>> requests) {
        given().contentType(ContentType.JSON).body(Map.of("requests", requests)).put("/admin/reports/on-registration")
                .then().statusCode(200);
    }

    private static JsonPath request(String id) {
        return given().get("/admin/reports/requests/{id}", id).then().statusCode(200).extract().jsonPath();
    }

}
