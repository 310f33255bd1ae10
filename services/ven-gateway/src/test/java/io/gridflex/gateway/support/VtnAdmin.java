package io.gridflex.gateway.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The VTN simulator's admin JSON API: what a utility operator would do, and what the VTN saw of each VEN. */
public final class VtnAdmin {

    private final String baseUrl;

    public VtnAdmin(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** @return the VTN's eventID */
    public String createEvent(String venId, double reductionKw, Instant start, int durationSeconds) {
        return createEvent(Map.of("reductionKw", reductionKw, "start", start.toString(), "durationSeconds",
                durationSeconds, "venId", venId));
    }

    /** An event of the given eiMarketContext; @return the VTN's eventID */
    public String createEvent(String venId, double reductionKw, Instant start, int durationSeconds,
            String marketContext) {
        return createEvent(Map.of("reductionKw", reductionKw, "start", start.toString(), "durationSeconds",
                durationSeconds, "venId", venId, "marketContext", marketContext));
    }

    /** An event naming {@code resourceIds} beside the venID; @return the VTN's eventID */
    public String createEvent(String venId, double reductionKw, Instant start, int durationSeconds,
            List<String> resourceIds) {
        return createEvent(Map.of("reductionKw", reductionKw, "start", start.toString(), "durationSeconds",
                durationSeconds, "venId", venId, "resourceIds", resourceIds));
    }

    /** An event with start randomization ({@code tolerance/tolerate/startafter}); @return the VTN's eventID */
    public String createRandomizedEvent(String venId, double reductionKw, Instant start, int durationSeconds,
            int startAfterSeconds) {
        return createEvent(Map.of("reductionKw", reductionKw, "start", start.toString(), "durationSeconds",
                durationSeconds, "venId", venId, "startAfterSeconds", startAfterSeconds));
    }

    private String createEvent(Map<String, Object> body) {
        return given().baseUri(baseUrl).contentType(ContentType.JSON).body(body)
                .post("/admin/events")
                .then().statusCode(201)
                .extract().path("eventId");
    }

    public void modify(String eventId, double reductionKw) {
        given().baseUri(baseUrl).contentType(ContentType.JSON).body(Map.of("reductionKw", reductionKw))
                .put("/admin/events/{id}", eventId)
                .then().statusCode(200);
    }

    public void cancel(String eventId) {
        given().baseUri(baseUrl).post("/admin/events/{id}/cancel", eventId).then().statusCode(200);
    }

    /** Cancels implicitly: the VTN leaves the event out of its distributions from now on. */
    public void withdraw(String eventId) {
        given().baseUri(baseUrl).post("/admin/events/{id}/withdraw", eventId).then().statusCode(200);
    }

    /** What the VTN recorded of one VEN for one event: optType, modificationNumber, respondedAt... */
    public Map<String, Object> delivery(String eventId, String venId) {
        JsonPath event = given().baseUri(baseUrl).get("/admin/events/{id}", eventId)
                .then().statusCode(200).extract().jsonPath();
        return event.getMap("vens.find { it.venId == '" + venId + "' }");
    }

    /** The opts (oadrCreateOpt) the VTN received, oldest first: about one event, or every one for null. */
    public List<Map<String, Object>> opts(String eventId) {
        var request = given().baseUri(baseUrl);
        if (eventId != null) {
            request = request.queryParam("eventId", eventId);
        }
        return request.get("/admin/opts").then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** Asks every VEN that registers its reports from now on for these (reportName, granularitySeconds...). */
    public void scriptReportRequests(List<Map<String, Object>> requests) {
        given().baseUri(baseUrl).contentType(ContentType.JSON).body(Map.of("requests", requests))
                .put("/admin/reports/on-registration").then().statusCode(200);
    }

    /** Queues an oadrCreateReport for the VEN's next poll; returns the reportRequestID. */
    public String requestReport(Map<String, Object> request) {
        return given().baseUri(baseUrl).contentType(ContentType.JSON).body(request).post("/admin/reports/requests")
                .then().statusCode(201).extract().path("reportRequestId");
    }

    /** Queues one oadrCreateReport of several requests for the VEN's next poll; returns their reportRequestIDs. */
    public List<String> requestReports(List<Map<String, Object>> requests) {
        return given().baseUri(baseUrl).contentType(ContentType.JSON).body(requests)
                .post("/admin/reports/requests/batch").then().statusCode(201).extract().path("reportRequestId");
    }

    /** Sends a request's oadrCreateReport again, unchanged, with the VEN's next poll. */
    public void repeatReport(String reportRequestId) {
        given().baseUri(baseUrl).post("/admin/reports/requests/{id}/repeat", reportRequestId).then().statusCode(200);
    }

    public void cancelReport(String reportRequestId, boolean reportToFollow) {
        given().baseUri(baseUrl).contentType(ContentType.JSON).body(Map.of("reportToFollow", reportToFollow))
                .post("/admin/reports/requests/{id}/cancel", reportRequestId).then().statusCode(200);
    }

    /** Cancels a report request in the VTN's reply (oadrUpdatedReport) to the VEN's next report, no report to follow. */
    public void cancelReportInUpdatedReport(String reportRequestId) {
        given().baseUri(baseUrl).contentType(ContentType.JSON)
                .body(Map.of("reportToFollow", false, "via", "updatedReport"))
                .post("/admin/reports/requests/{id}/cancel", reportRequestId).then().statusCode(200);
    }

    /** One report request as the VTN sees it: venAnswerCode, pending, deliveredAt, cancelDeliveredAt, reports... */
    public JsonPath reportRequest(String reportRequestId) {
        return given().baseUri(baseUrl).get("/admin/reports/requests/{id}", reportRequestId).then().statusCode(200)
                .extract().jsonPath();
    }

    /** The reports the VEN sent for one request, oldest first. */
    public JsonPath received(String reportRequestId) {
        return given().baseUri(baseUrl).get("/admin/reports/requests/{id}/received", reportRequestId).then()
                .statusCode(200).extract().jsonPath();
    }

    /** A VEN's reports: offered, metadataRegistrations, requests, received. */
    public JsonPath reports(String venId) {
        return given().baseUri(baseUrl).get("/admin/reports/vens/{venId}", venId).then().statusCode(200).extract()
                .jsonPath();
    }

    /** Allocates a venID in advance: a VEN presenting it is registered under it. */
    public void preallocate(String venId) {
        given().baseUri(baseUrl).put("/admin/vens/preallocated/{venId}", venId).then().statusCode(204);
    }

    /** Every registration message the VTN received (type, venId, registrationId, answerCode), oldest first. */
    public List<Map<String, Object>> registrationMessages() {
        return given().baseUri(baseUrl).get("/admin/vens/registration-messages").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    /**
     * Every message VENs sent to the VTN after sequence number {@code after}, oldest first: sequence, service, message,
     * venId, registrationId, requestId, responseCode (the VEN's own), answer and answerCode (the VTN's).
     */
    public List<Map<String, Object>> messagesAfter(long after) {
        return given().baseUri(baseUrl).queryParam("after", after).get("/admin/messages").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    /** The sequence number of the last message the VTN received; 0 when none. */
    public long lastMessage() {
        List<Map<String, Object>> all = messagesAfter(0);
        return all.isEmpty() ? 0 : ((Number) all.getLast().get("sequence")).longValue();
    }

    /** Holds back what is queued for the VEN: its polls get nothing to do until {@link #release}. */
    public void hold(String venId) {
        given().baseUri(baseUrl).post("/admin/vens/{venId}/hold", venId).then().statusCode(204);
    }

    /** Ends a {@link #hold}: the VEN's next poll gets the first message queued. */
    public void release(String venId) {
        given().baseUri(baseUrl).post("/admin/vens/{venId}/release", venId).then().statusCode(204);
    }

    /** The VTN asks the VEN to register again: oadrRequestReregistration in its next poll. */
    public void requestReregistration(String venId) {
        given().baseUri(baseUrl).post("/admin/vens/{venId}/reregistration", venId).then().statusCode(202);
    }

    /** The VTN ends the VEN's registration: oadrCancelPartyRegistration in its next poll. */
    public void cancelRegistration(String venId) {
        given().baseUri(baseUrl).post("/admin/vens/{venId}/cancellation", venId).then().statusCode(202);
    }

    public List<String> registeredVenIds() {
        return given().baseUri(baseUrl).get("/admin/vens").then().statusCode(200).extract().jsonPath()
                .getList("venId");
    }

    public int registeredVens() {
        return given().baseUri(baseUrl).get("/admin/vens").then().statusCode(200).extract().jsonPath()
                .getList("$").size();
    }

    /**
     * The reports the VTN offers from now on (reportSpecifierId, reportName, rIds, minPeriodSeconds,
     * maxPeriodSeconds); {@link #registerVtnReports} registers them with a VEN.
     */
    public void offerVtnReports(List<Map<String, Object>> offers) {
        given().baseUri(baseUrl).contentType(ContentType.JSON).body(offers).put("/admin/vtn-reports/offers").then()
                .statusCode(200);
    }

    /** The VTN's oadrRegisterReport of its offers, at the VEN's next poll. */
    public void registerVtnReports(String venId) {
        given().baseUri(baseUrl).post("/admin/vtn-reports/vens/{venId}/register", venId).then().statusCode(200);
    }

    /** What a VEN asked of the VTN's own reports (subscriptions) and its answers to them (answers). */
    public JsonPath vtnReportsOf(String venId) {
        return given().baseUri(baseUrl).get("/admin/vtn-reports/vens/{venId}", venId).then().statusCode(200)
                .extract().jsonPath();
    }

    /** Every value the VTN reported for one request of a VEN's: reportRequestId, rId, start, value... */
    public List<Map<String, Object>> vtnReportSent(String reportRequestId) {
        return given().baseUri(baseUrl).get("/admin/vtn-reports/requests/{id}/sent", reportRequestId).then()
                .statusCode(200).extract().jsonPath().getList("$");
    }
}
