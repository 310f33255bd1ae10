package io.gridflex.settlement.delivery;

import static io.gridflex.settlement.SettlementFixtures.as;
import static io.gridflex.settlement.SettlementFixtures.rejected;
import static io.gridflex.settlement.SettlementFixtures.segment;
import static io.gridflex.settlement.SettlementFixtures.sendEvent;
import static io.gridflex.settlement.SettlementFixtures.sendSchedule;
import static io.gridflex.settlement.SettlementFixtures.sendSteps;
import static io.gridflex.settlement.SettlementFixtures.share;
import static io.gridflex.settlement.SettlementFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Telemetry, an event and the sites' schedules go in through real Kafka; the delivery API, read with billing staff's
 * token from real Keycloak, states the figures worked out by hand below. The baseline window is 30 s in the test
 * profile.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class DeliveryFlowTest {

    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant END = START.plusSeconds(60);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    MeterRegistry registry;

    @Test
    void deliveryOfEverySiteFollowsFromItsMeterReadings() {
        String eventId = unique("vtn-flow") + "/evt-1";
        String full = unique("site-full");
        String cancelled = unique("site-cancelled");
        String unmetered = unique("site-unmetered");
        double staleBefore = rejected(registry, Topics.DR_EVENTS, "out-of-order");

        // Modification 1 is the event; modification 0 arriving later would cut it to 10 s if it were applied.
        sendEvent(eventId, 1, START, END);
        sendEvent(eventId, 0, START, START.plusSeconds(10));

        // full: baseline 3 × 0.3 kWh in 30 s = 108 kW; during the event 6 × 0.1 kWh against 6 × 0.3 kWh of baseline:
        // 1.2 kWh delivered, 72 kW on average.
        sendSteps(full, START.minusSeconds(30), 3, "0.3");
        sendSteps(full, START, 6, "0.1");
        sendSchedule(full, 1, START.minusSeconds(60), segment(START, END, share(eventId, 100)));

        // cancelled: same baseline; shed for 30 s, then back to 0.3 kWh per 10 s. Revision 2, issued at 10:00:30,
        // holds nothing any more, so only the first 30 s count: 3 × 0.2 = 0.6 kWh, 72 kW on average.
        sendSteps(cancelled, START.minusSeconds(30), 3, "0.3");
        sendSteps(cancelled, START, 3, "0.1");
        sendSteps(cancelled, START.plusSeconds(30), 3, "0.3");
        sendSchedule(cancelled, 1, START.minusSeconds(60), segment(START, END, share(eventId, 100)));
        sendSchedule(cancelled, 2, START.plusSeconds(30));

        // unmetered: nothing before the event, so no baseline and no figure.
        sendSteps(unmetered, START, 6, "0.1");
        sendSchedule(unmetered, 1, START.minusSeconds(60), segment(START, END, share(eventId, 50)));

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(rejected(registry, Topics.DR_EVENTS, "out-of-order"))
                    .isGreaterThanOrEqualTo(staleBefore + 1);
            assertThat(intervalCount(full)).isEqualTo(9);
            assertThat(intervalCount(cancelled)).isEqualTo(9);
            assertThat(intervalCount(unmetered)).isEqualTo(6);
            JsonPath delivery = delivery(eventId);
            assertThat(delivery.getList("sites")).hasSize(3);
            assertThat(delivery.getString("sites.find { it.siteId == '" + cancelled + "' }.deliveryEnd"))
                    .isEqualTo(START.plusSeconds(30).toString());
        });

        JsonPath delivery = delivery(eventId);
        assertThat(delivery.getString("event.end")).isEqualTo(END.toString());
        assertThat(delivery.getString("baselineWindow")).isEqualTo("PT30S");
        assertThat(delivery.<BigDecimal>get("totals.deliveredKwh")).isEqualTo(new BigDecimal("1.800"));
        assertThat(delivery.<BigDecimal>get("totals.deliveredMwh")).isEqualTo(new BigDecimal("0.001800"));
        assertThat(delivery.getInt("totals.sites")).isEqualTo(3);
        assertThat(delivery.getBoolean("totals.complete")).isFalse();
        assertThat(delivery.<Map<String, Object>>get("totals.sitesByStatus"))
                .containsEntry("COMPLETE", 2).containsEntry("INSUFFICIENT_DATA", 1);

        Map<String, Object> fullSite = site(delivery, full);
        assertThat(fullSite).containsEntry("status", "COMPLETE")
                .containsEntry("baselineKw", new BigDecimal("108.000"))
                .containsEntry("baselineCoverage", new BigDecimal("1.0000"))
                .containsEntry("deliveryCoverage", new BigDecimal("1.0000"))
                .containsEntry("deliveredKwh", new BigDecimal("1.200"))
                .containsEntry("deliveredMwh", new BigDecimal("0.001200"))
                .containsEntry("averageDeliveredKw", new BigDecimal("72.000"))
                .containsEntry("deliveryStart", START.toString())
                .containsEntry("deliveryEnd", END.toString());
        assertThat((List<?>) fullSite.get("intervals")).hasSize(6);
        assertThat(delivery.<BigDecimal>get("sites.find { it.siteId == '" + full + "' }.windows[0].allocatedKw"))
                .isEqualTo(new BigDecimal("100.000000"));
        assertThat(delivery.<BigDecimal>get("sites.find { it.siteId == '" + full + "' }.windows[0].share"))
                .isEqualTo(new BigDecimal("1.000000"));

        Map<String, Object> cancelledSite = site(delivery, cancelled);
        assertThat(cancelledSite).containsEntry("status", "COMPLETE")
                .containsEntry("deliveryEnd", START.plusSeconds(30).toString())
                .containsEntry("deliveredKwh", new BigDecimal("0.600"))
                .containsEntry("averageDeliveredKw", new BigDecimal("72.000"));
        assertThat((List<?>) cancelledSite.get("intervals")).hasSize(3);

        Map<String, Object> unmeteredSite = site(delivery, unmetered);
        assertThat(unmeteredSite).containsEntry("status", "INSUFFICIENT_DATA")
                .containsEntry("baselineCoverage", new BigDecimal("0.0000"))
                .containsEntry("baselineKw", null)
                .containsEntry("deliveredKwh", null);

        JsonPath events = as("bill").queryParam("limit", 500).get("/api/events").then().statusCode(200)
                .extract().jsonPath();
        String summary = "find { it.eventId == '" + eventId + "' }";
        assertThat(events.<BigDecimal>get(summary + ".totals.deliveredKwh")).isEqualTo(new BigDecimal("1.800"));
        assertThat(events.getLong(summary + ".modificationNumber")).isEqualTo(1);
        assertThat(events.getString(summary + ".signal")).isEqualTo("REDUCTION_KW");
    }

    @Test
    void anEventIdWithItsSlashEncodedFindsTheSameEvent() {
        String vtn = unique("vtn-slash");
        String eventId = vtn + "/evt-2";
        sendEvent(eventId, 0, START, END);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> as("bill").get("/api/events/" + eventId + "/delivery").then()
                        .statusCode(200));
        as("bill").urlEncodingEnabled(false).get("/api/events/" + vtn + "%2Fevt-2/delivery").then()
                .statusCode(200);
    }

    private static JsonPath delivery(String eventId) {
        return as("bill").get("/api/events/" + eventId + "/delivery").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> site(JsonPath delivery, String siteId) {
        return delivery.getMap("sites.find { it.siteId == '" + siteId + "' }");
    }

    private static int intervalCount(String siteId) {
        var response = as("bill").queryParam("from", START.minusSeconds(3600).toString())
                .queryParam("to", START.plusSeconds(3600).toString())
                .get("/api/sites/" + siteId + "/intervals");
        return response.statusCode() == 404
                ? 0
                : response.then().statusCode(200).extract().jsonPath()
                        .getList("intervals").size();
    }
}
