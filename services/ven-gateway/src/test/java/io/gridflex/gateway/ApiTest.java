package io.gridflex.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gridflex.gateway.program.Programs;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.support.Api;
import io.gridflex.gateway.support.TestProgram;
import io.gridflex.gateway.support.VtnSimulatorTestResource;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The REST API and health, including how it refuses bad input. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(VtnSimulatorTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "ven-gateway"))
class ApiTest {

    @Inject
    Programs programs;

    private Registration registration;

    @BeforeEach
    void registered() {
        registration = await("registration with the VTN").atMost(Duration.ofSeconds(30))
                .until(() -> TestProgram.state(programs).current().orElse(null), r -> r != null);
    }

    @Test
    void eachProgramShowsItsRegistrationAndPollInterval() {
        await("a first poll").atMost(Duration.ofSeconds(30))
                .until(() -> TestProgram.state(programs).lastPollAt().isPresent());

        Api.asOperator().get("/api/programs").then().statusCode(200).contentType(ContentType.JSON)
                .body("program", contains(TestProgram.ID))
                .body("[0].registered", equalTo(true))
                .body("[0].venId", equalTo(registration.venId()));
        Api.asOperator().get("/api/programs/{id}", TestProgram.ID).then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("program", equalTo(TestProgram.ID))
                .body("registered", equalTo(true))
                .body("vtnUrl", equalTo(registration.vtnUrl()))
                .body("vtnId", equalTo(registration.vtnId()))
                .body("venId", notNullValue())
                .body("registeredAt", notNullValue())
                .body("lastPollAt", notNullValue())
                // The simulator asks for PT1S in these tests and no override is configured.
                .body("pollInterval", equalTo("PT1S"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/opts", "/opts/schedules"})
    void anUnknownProgramIs404Json(String below) {
        Api.asOperator().get("/api/programs/{id}" + below, "no-such-program").then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("unknown-program"));
    }

    @Test
    void anUnknownEventIs404Json() {
        Api.asOperator().get("/api/events/{vtn}/{id}", registration.vtnId(), "no-such-event").then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("unknown-event"))
                .body("detail", containsString("no-such-event"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-slash", "/leading", "trailing/", "has space/x"})
    void aMalformedEventIdIs400Json(String eventId) {
        Api.asOperator().urlEncodingEnabled(false).get("/api/events/" + eventId.replace(" ", "%20")).then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("malformed-event-id"))
                .body("detail", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "100000"})
    void aBadLimitIs400Json(String limit) {
        for (String path : List.of("/api/events", "/api/programs/default/opts",
                "/api/programs/default/opts/schedules")) {
            Api.asOperator().queryParam("limit", limit).get(path).then().statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("error", equalTo("malformed-limit"));
        }
    }

    @Test
    void eventsListIsJson() {
        Api.asOperator().queryParam("limit", "5").get("/api/events").then().statusCode(200)
                .contentType(ContentType.JSON);
    }

    @Test
    void readinessIncludesRegistrationDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("vtn-registration"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("Kafka connection health check"));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        await("a counted poll").atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/q/metrics").asString().contains("gridflex_gateway_polls_total"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/events"));
    }
}
