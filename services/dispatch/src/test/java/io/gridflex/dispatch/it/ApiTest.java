package io.gridflex.dispatch.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The REST surface's refusals, health, metrics, OpenAPI and wiring. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class ApiTest {

    @Test
    void unknownEventIs404WithAJsonError() {
        given().get("/api/events/it-vtn/never-sent").then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("unknown-event"))
                .body("detail", equalTo("no event it-vtn/never-sent"));
    }

    @Test
    void malformedEventIdIs400WithAJsonError() {
        // Sent as typed: the server must decode %20 into a space and refuse it.
        given().urlEncodingEnabled(false).get("/api/events/has%20a%20space").then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("malformed-eventId"))
                .body("detail", notNullValue());
        given().get("/api/events/" + "x".repeat(257)).then()
                .statusCode(400)
                .body("error", equalTo("malformed-eventId"));
    }

    @Test
    void badLimitIs400WithAJsonError() {
        for (String limit : new String[]{"abc", "0", "-1", "501"}) {
            given().queryParam("limit", limit).get("/api/events").then()
                    .statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("error", equalTo("malformed-limit"))
                    .body("detail", equalTo("limit must be a whole number from 1 to 500"));
        }
    }

    @Test
    void readinessCoversTheDatabaseAndKafka() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("paths.keySet()", hasItems("/api/events", "/api/events/{eventId}", "/api/sites"));
    }

    @Test
    void metricsAreExposed() {
        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("gridflex_dispatch_events_received_total"))
                .body(containsString("gridflex_dispatch_relay_lag_seconds"));
    }

    @Test
    void channelsUseTheContractsTopicNames() {
        var config = ConfigProvider.getConfig();
        assertThat(config.getValue("mp.messaging.incoming.dr-events.topic", String.class))
                .isEqualTo(Topics.DR_EVENTS);
        assertThat(config.getValue("mp.messaging.outgoing.site-commands.topic", String.class))
                .isEqualTo(Topics.SITE_COMMANDS);
        assertThat(KafkaTestResource.bootstrapServers())
                .isEqualTo(config.getValue("kafka.bootstrap.servers", String.class));
    }
}
