package io.gridflex.dispatch.it;

import static io.gridflex.dispatch.it.Operator.operator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** The REST surface's refusals, health, metrics, OpenAPI and wiring. */
@QuarkusTest
@TestProfile(NoClosedLoop.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "dispatch"))
class ApiSurfaceTest {

    @Test
    void unknownEventIs404WithAJsonError() {
        operator().get("/api/events/it-vtn/never-sent").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", equalTo("unknown-event")).body("detail", equalTo("no event it-vtn/never-sent"));
        operator().get("/api/events/it-vtn/never-sent/timeline").then().statusCode(404)
                .body("error", equalTo("unknown-event"));
    }

    @Test
    void malformedIdsLimitsAndStatesAre400WithAJsonError() {
        operator().urlEncodingEnabled(false).get("/api/events/has%20a%20space").then().statusCode(400)
                .body("error", equalTo("malformed-eventId"));
        operator().get("/api/events/" + "x".repeat(257)).then().statusCode(400);
        for (String limit : new String[]{"abc", "0", "-1", "501"}) {
            operator().queryParam("limit", limit).get("/api/events").then().statusCode(400)
                    .body("error", equalTo("malformed-limit"));
        }
        operator().queryParam("state", "SLEEPING").get("/api/events").then().statusCode(400)
                .body("error", equalTo("malformed-state"));
        operator().delete("/api/overrides/seven").then().statusCode(400);
    }

    @Test
    void unknownPathsAndWrongMethodsAnswerInJson() {
        operator().get("/api/nothing-here").then().statusCode(404).contentType(ContentType.JSON);
        operator().put("/api/events").then().statusCode(405).contentType(ContentType.JSON);
    }

    @Test
    void healthMetricsAndOpenApiNeedNoTokenAndDescribeTheService() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("gridflex_dispatch_events_received_total"))
                .body(containsString("gridflex_dispatch_relay_lag_seconds"))
                .body(containsString("gridflex_dispatch_loop_shortfall_kW"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItems("/api/events", "/api/sites", "/api/programs",
                        "/api/sites/{siteId}/overrides", "/api/manual-events", "/api/fleet/shed-all",
                        "/api/fleet/restore-all", "/api/audit"));
    }

    @Test
    void channelsUseTheContractsTopicNamesAndStaticMembership() {
        var config = ConfigProvider.getConfig();
        assertThat(config.getValue("mp.messaging.incoming.dr-events.topic", String.class))
                .isEqualTo(Topics.DR_EVENTS);
        assertThat(config.getValue("mp.messaging.outgoing.site-schedules.topic", String.class))
                .isEqualTo(Topics.SITE_SCHEDULES);
        assertThat(config.getValue("mp.messaging.outgoing.dispatch-status.topic", String.class))
                .isEqualTo(Topics.DISPATCH_STATUS);
        assertThat(config.getValue("mp.messaging.incoming.dr-events.group.instance.id", String.class))
                .isEqualTo("dispatch-0.dr-events");
        assertThat(KafkaTestResource.bootstrapServers())
                .isEqualTo(config.getValue("kafka.bootstrap.servers", String.class));
    }
}
