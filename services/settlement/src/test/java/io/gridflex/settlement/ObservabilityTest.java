package io.gridflex.settlement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Health, metrics and the API description are served without a token, as every GridFlex service does. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class ObservabilityTest {

    @Test
    void readinessIncludesTheDatabase() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
    }

    @Test
    void intakeCountersAreExported() {
        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("gridflex_settlement_intervals_stored_total"))
                .body(containsString("gridflex_settlement_intervals_duplicates_total"))
                .body(containsString("gridflex_settlement_schedules_stored_total"))
                .body(containsString("gridflex_settlement_schedules_duplicates_total"))
                .body(containsString("gridflex_settlement_schedules_conflicts_total"));
    }

    @Test
    void theApiIsDescribed() {
        given().get("/q/openapi?format=json").then()
                .statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/events/{eventId}/delivery"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/sites/{siteId}/intervals"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/sites/{siteId}/schedule"));
    }
}
