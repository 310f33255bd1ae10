package io.gridflex.gateway.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
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
        return given().baseUri(baseUrl).contentType(ContentType.JSON)
                .body(Map.of("reductionKw", reductionKw, "start", start.toString(), "durationSeconds",
                        durationSeconds, "venId", venId))
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

    /** What the VTN recorded of one VEN for one event: optType, modificationNumber, respondedAt... */
    public Map<String, Object> delivery(String eventId, String venId) {
        JsonPath event = given().baseUri(baseUrl).get("/admin/events/{id}", eventId)
                .then().statusCode(200).extract().jsonPath();
        return event.getMap("vens.find { it.venId == '" + venId + "' }");
    }

    public int registeredVens() {
        return given().baseUri(baseUrl).get("/admin/vens").then().statusCode(200).extract().jsonPath()
                .getList("$").size();
    }
}
