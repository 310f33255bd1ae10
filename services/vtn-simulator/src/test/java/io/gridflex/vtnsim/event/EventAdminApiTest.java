package io.gridflex.vtnsim.event;

import static io.gridflex.vtnsim.VtnTestClient.adminEvent;
import static io.gridflex.vtnsim.VtnTestClient.createEvent;
import static io.gridflex.vtnsim.VtnTestClient.post;
import static io.gridflex.vtnsim.VtnTestClient.register;
import static io.gridflex.vtnsim.VtnTestClient.vens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gridflex.openadr.OadrMessages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class EventAdminApiTest {

    private String venId;

    @BeforeEach
    void registerVen() {
        venId = register("site-admin").venId();
    }

    @Test
    void createReturnsTheEventAndItsTiming() {
        Instant start = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        var created = given().contentType(ContentType.JSON)
                .body(Map.of("reductionKw", 1234.5, "start", start.toString(), "durationSeconds", 1800, "venId",
                        venId))
                .when().post("/admin/events")
                .then().statusCode(201)
                .header("Location", containsString("/admin/events/"))
                .extract().jsonPath();

        assertThat(created.getString("eventId")).isNotBlank();
        assertThat(created.getInt("modificationNumber")).isZero();
        assertThat(Instant.parse(created.getString("start"))).isEqualTo(start);
        assertThat(Instant.parse(created.getString("end"))).isEqualTo(start.plusSeconds(1800));
        assertThat(created.getDouble("reductionKw")).isEqualTo(1234.5);
        assertThat(created.getString("status")).isEqualTo("far");
        assertThat(created.getList("venIds")).containsExactly(venId);

        given().when().get("/admin/events").then().statusCode(200)
                .body("eventId", hasItem(created.getString("eventId")));
    }

    @Test
    void aModificationAndACancellationEachRaiseTheNumber() {
        String eventId = createEvent(venId, 100, 600);

        given().contentType(ContentType.JSON).body(Map.of("reductionKw", 150))
                .when().put("/admin/events/" + eventId)
                .then().statusCode(200)
                .body("modificationNumber", equalTo(1))
                .body("reductionKw", equalTo(150.0f))
                .body("durationSeconds", equalTo(600));
        given().when().post("/admin/events/" + eventId + "/cancel")
                .then().statusCode(200)
                .body("modificationNumber", equalTo(2))
                .body("status", equalTo("cancelled"));

        // Once cancelled, an event stays as VENs were told.
        given().when().post("/admin/events/" + eventId + "/cancel")
                .then().statusCode(409).body("error", equalTo("event-closed"));
        given().contentType(ContentType.JSON).body(Map.of("reductionKw", 1))
                .when().put("/admin/events/" + eventId)
                .then().statusCode(409).body("error", equalTo("event-closed"));
        assertThat(adminEvent(eventId).getInt("modificationNumber")).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"durationSeconds\": 60}",
            "{\"reductionKw\": 100}",
            "{\"reductionKw\": 0, \"durationSeconds\": 60}",
            "{\"reductionKw\": -5, \"durationSeconds\": 60}",
            "{\"reductionKw\": 100, \"durationSeconds\": 0}",
            "{\"reductionKw\": 100, \"durationSeconds\": 1.5}",
            "{\"reductionKw\": \"lots\", \"durationSeconds\": 60}",
            "{\"reductionKw\": 100, \"durationSeconds\": 60, \"start\": \"tomorrow\"}",
            "{\"reductionKw\": 100, \"durationSeconds\": 60, \"start\": \"2020-01-01T00:00:00Z\"}",
            "{\"reductionKw\": 100, \"durationSeconds\": 60, \"venId\": \"ven-nobody\"}",
            "{\"reductionKw\": 100, \"durationSeconds\": 60, \"reductionKW\": 5}",
            "{\"reductionKw\": 100, \"durationSeconds\": ",
            "[]"
    })
    void invalidCreationsAreRefusedAndCreateNothing(String body) {
        int before = eventCount();

        given().contentType(ContentType.JSON).body(body)
                .when().post("/admin/events")
                .then().statusCode(400)
                .body("error", notNullValue())
                .body("detail", notNullValue());

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aCreationWithoutBodyIsRefused() {
        given().contentType(ContentType.JSON)
                .when().post("/admin/events")
                .then().statusCode(400)
                .body("error", equalTo("missing-body"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"reductionKw\": 0}", "{\"durationSeconds\": -1}", "{\"bogus\": 1}",
            "{\"reductionKw\": []}"})
    void invalidModificationsAreRefusedAndChangeNothing(String body) {
        String eventId = createEvent(venId, 100, 600);

        given().contentType(ContentType.JSON).body(body)
                .when().put("/admin/events/" + eventId)
                .then().statusCode(400)
                .body("error", notNullValue())
                .body("detail", notNullValue());

        assertThat(adminEvent(eventId).getInt("modificationNumber")).isZero();
        assertThat(adminEvent(eventId).getDouble("reductionKw")).isEqualTo(100.0);
    }

    @Test
    void aDurationThatWouldEndTheEventInThePastIsRefused() {
        Instant start = Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.SECONDS);
        String eventId = given().contentType(ContentType.JSON)
                .body(Map.of("reductionKw", 100, "start", start.toString(), "durationSeconds", 3600, "venId", venId))
                .when().post("/admin/events")
                .then().statusCode(201).body("status", equalTo("active"))
                .extract().path("eventId");

        given().contentType(ContentType.JSON).body(Map.of("durationSeconds", 60))
                .when().put("/admin/events/" + eventId)
                .then().statusCode(400)
                .body("detail", containsString("cancel it instead"));

        assertThat(adminEvent(eventId).getInt("durationSeconds")).isEqualTo(3600);
    }

    @Test
    void anEventForEveryVenNeedsAtLeastOne() {
        for (Map<String, Object> ven : vens()) {
            post("EiRegisterParty", OadrMessages.cancelPartyRegistration("cleanup",
                    (String) ven.get("registrationId"), (String) ven.get("venId")));
        }
        int before = eventCount();

        given().contentType(ContentType.JSON).body(Map.of("reductionKw", 100, "durationSeconds", 60))
                .when().post("/admin/events")
                .then().statusCode(409)
                .body("error", equalTo("no-vens"));

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void unknownEventsAreNotFound() {
        given().when().get("/admin/events/evt-nope").then().statusCode(404)
                .body("error", equalTo("unknown-event"))
                .body("detail", containsString("evt-nope"));
        given().contentType(ContentType.JSON).body(Map.of("reductionKw", 5))
                .when().put("/admin/events/evt-nope").then().statusCode(404)
                .body("error", equalTo("unknown-event"));
        given().when().post("/admin/events/evt-nope/cancel").then().statusCode(404)
                .body("error", equalTo("unknown-event"));
    }

    private static int eventCount() {
        return given().when().get("/admin/events").then().statusCode(200).extract().jsonPath().getList("$").size();
    }
}
