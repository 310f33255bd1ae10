package io.gridflex.settlement;

import static io.gridflex.settlement.SettlementFixtures.as;
import static io.gridflex.settlement.SettlementFixtures.segment;
import static io.gridflex.settlement.SettlementFixtures.sendEvent;
import static io.gridflex.settlement.SettlementFixtures.sendSchedule;
import static io.gridflex.settlement.SettlementFixtures.sendSteps;
import static io.gridflex.settlement.SettlementFixtures.share;
import static io.gridflex.settlement.SettlementFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged service (the jar that ships, with its migrations and configuration) against real PostgreSQL, Kafka and
 * Keycloak: messages in (events, schedules, telemetry on their v2 topics), settled figures out.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class SettlementPackagedIT {

    private static final Instant START = Instant.parse("2026-03-05T09:00:00Z");

    @Test
    void thePackagedServiceSettlesAnEvent() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        String eventId = unique("vtn-packaged") + "/evt";
        String site = unique("site-packaged");
        // Baseline 3 × 0.3 kWh in 30 s = 108 kW; 3 × 0.2 kWh metered in the 30 s event against 3 × 0.3 kWh of
        // baseline: 0.3 kWh delivered.
        sendSteps(site, START.minusSeconds(30), 3, "0.3");
        sendSteps(site, START, 3, "0.2");
        sendEvent(eventId, 0, START, START.plusSeconds(30));
        sendSchedule(site, 1, START.minusSeconds(60), segment(START, START.plusSeconds(30), share(eventId, 40)));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            var delivery = as("ada").get("/api/events/" + eventId + "/delivery").then().statusCode(200).extract()
                    .jsonPath();
            assertThat(delivery.getList("sites")).hasSize(1);
            assertThat(delivery.getList("sites[0].intervals")).hasSize(3);
        });
        var delivery = as("ada").get("/api/events/" + eventId + "/delivery").then().statusCode(200).extract()
                .jsonPath();
        assertThat(delivery.<BigDecimal>get("sites[0].baselineKw")).isEqualTo(new BigDecimal("108.000"));
        assertThat(delivery.<BigDecimal>get("totals.deliveredKwh")).isEqualTo(new BigDecimal("0.300"));
        assertThat(delivery.getString("sites[0].status")).isEqualTo("COMPLETE");
    }
}
