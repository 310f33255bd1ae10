package io.gridflex.settlement.delivery;

import static io.gridflex.settlement.SettlementFixtures.as;
import static io.gridflex.settlement.SettlementFixtures.counted;
import static io.gridflex.settlement.SettlementFixtures.event;
import static io.gridflex.settlement.SettlementFixtures.operatorTest;
import static io.gridflex.settlement.SettlementFixtures.refusal;
import static io.gridflex.settlement.SettlementFixtures.schedule;
import static io.gridflex.settlement.SettlementFixtures.segment;
import static io.gridflex.settlement.SettlementFixtures.share;
import static io.gridflex.settlement.SettlementFixtures.telemetry;
import static io.gridflex.settlement.SettlementFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gridflex.settlement.ConsumedTopics;
import io.gridflex.settlement.DatabaseFingerprint;
import io.gridflex.settlement.SettlementFixtures;
import io.gridflex.settlement.meter.IntakeMetrics;
import io.gridflex.settlement.schedule.ScheduleMetrics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Two overlapping events, through real Kafka, real PostgreSQL and real Keycloak: schedules from dispatch, telemetry
 * from the agents and the events from the gateway give each event its share, and sending everything again changes
 * nothing. The baseline window is 30 s in the test profile; figures are worked by hand below.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class OverlappingEventsFlowTest {

    private static final Instant T = Instant.parse("2026-03-06T10:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    @Test
    void overlappingEventsShareEachKwhOnceAndAReplayChangesNothing() {
        String vtn = unique("vtn-overlap");
        String e1 = vtn + "/e1";
        String e2 = vtn + "/e2";
        String shared = unique("site-shared");
        String tested = unique("site-tested");
        List<Object> messages = new ArrayList<>();

        // shared: e1 runs [0, 60) at 100 kW. At 20 s e2 is announced for [30, 60) at 50 kW: revision 2. The site draws
        // 1.0 kWh per 10 s before, 0.7 under e1 alone, 0.4 under both. One episode, one baseline (360 kW) before 0:
        // [0, 30) 3 × 0.3 = 0.9, all e1; [30, 60) 3 × 0.6 = 1.8, two thirds e1 (1.2), one third e2 (0.6).
        messages.add(schedule(shared, 1, T.minusSeconds(60), segment(T, T.plusSeconds(60), share(e1, 100))));
        messages.add(schedule(shared, 2, T.plusSeconds(20), segment(T, T.plusSeconds(30), share(e1, 100)),
                segment(T.plusSeconds(30), T.plusSeconds(60), share(e1, 100), share(e2, 50))));
        steps(messages, shared, -30, 3, "1.0");
        steps(messages, shared, 0, 3, "0.7");
        steps(messages, shared, 30, 3, "0.4");
        // tested: e1 shares the site with an operator's test at equal kW: 6 × 0.75 = 4.5 kWh, half of it e1's.
        messages.add(schedule(tested, 1, T.minusSeconds(60),
                segment(T, T.plusSeconds(60), share(e1, 100), operatorTest("operator/test-" + tested, 100))));
        steps(messages, tested, -30, 3, "1.0");
        steps(messages, tested, 0, 6, "0.25");
        messages.add(event(e1, 0, T, T.plusSeconds(60)));
        messages.add(event(e2, 0, T.plusSeconds(30), T.plusSeconds(60)));
        messages.forEach(SettlementFixtures::send);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath first = delivery(e1);
            assertThat(first.getList("sites")).hasSize(2);
            assertThat(first.getString("totals.sitesByStatus.COMPLETE")).isEqualTo("2");
            assertThat(delivery(e2).getString("sites[0].status")).isEqualTo("COMPLETE");
        });
        await().atMost(PATIENCE).until(ConsumedTopics::allCaughtUp);
        JsonPath first = delivery(e1);
        JsonPath second = delivery(e2);
        assertThat(site(first, shared)).containsEntry("deliveredKwh", new BigDecimal("2.100"))
                .containsEntry("baselineKw", new BigDecimal("360.000"))
                .containsEntry("baselineWindowEnd", T.toString());
        assertThat(site(first, tested)).containsEntry("deliveredKwh", new BigDecimal("2.250"));
        assertThat(first.<BigDecimal>get("totals.deliveredKwh")).isEqualTo(new BigDecimal("4.350"));
        assertThat(second.getList("sites")).hasSize(1);
        Map<String, Object> e2AtShared = site(second, shared);
        assertThat(e2AtShared).containsEntry("deliveredKwh", new BigDecimal("0.600"))
                .containsEntry("deliveryStart", T.plusSeconds(30).toString())
                // e2's baseline is the episode's, before e1 began, not one before its own start.
                .containsEntry("baselineWindowEnd", T.toString())
                .containsEntry("baselineKw", new BigDecimal("360.000"));
        assertThat(second.<BigDecimal>get("sites[0].windows[0].share")).isEqualTo(new BigDecimal("0.333333"));
        assertThat(second.<BigDecimal>get("sites[0].windows[0].allocatedKw")).isEqualByComparingTo("50");
        assertThat(second.getLong("sites[0].windows[0].revision")).isEqualTo(2);
        // Each kWh of the shared site once: e1's part and e2's part are the site's delivery over the episode.
        assertThat(second.<BigDecimal>get("sites[0].episodes[0].siteDeliveredKwh"))
                .isEqualTo(new BigDecimal("2.700"))
                .isEqualTo(new BigDecimal("2.100").add(new BigDecimal("0.600")));
        assertThat(second.<BigDecimal>get("totals.deliveredKwh")).isEqualTo(new BigDecimal("0.600"));

        JsonPath listed = as("bill").queryParam("limit", 500).get("/api/events").then().statusCode(200).extract()
                .jsonPath();
        assertThat(listed.<BigDecimal>get("find { it.eventId == '" + e1 + "' }.totals.deliveredKwh"))
                .isEqualTo(new BigDecimal("4.350"));
        assertThat(listed.getString("find { it.eventId == '" + e2 + "' }.program"))
                .isEqualTo(SettlementFixtures.PROGRAM);

        // Everything again, the way an at-least-once topic may present it: nothing stored changes, no figure moves.
        String before = DatabaseFingerprint.of(dataSource, List.of(shared, tested), List.of(e1, e2));
        double scheduleDuplicates = counted(registry, ScheduleMetrics.DUPLICATES);
        double intervalDuplicates = counted(registry, IntakeMetrics.DUPLICATES);
        messages.forEach(SettlementFixtures::send);
        await().atMost(PATIENCE).until(() -> counted(registry, ScheduleMetrics.DUPLICATES) >= scheduleDuplicates + 3
                && counted(registry, IntakeMetrics.DUPLICATES) >= intervalDuplicates + 18
                && ConsumedTopics.allCaughtUp());

        assertThat(DatabaseFingerprint.of(dataSource, List.of(shared, tested), List.of(e1, e2))).isEqualTo(before)
                // 2 + 1 schedules, 3 + 1 segments, 4 + 2 contributions, 9 + 9 intervals, 2 events with 1 interval each.
                .startsWith("35 rows");
        assertThat(delivery(e1).<Object>get("")).isEqualTo(first.get(""));
        assertThat(delivery(e2).<Object>get("")).isEqualTo(second.get(""));
    }

    @Test
    void aRevisionTheSiteRefusedNeverDecidesWhoseEnergyItWas() {
        String vtn = unique("vtn-refused");
        String e1 = vtn + "/e1";
        String e2 = vtn + "/e2";
        String site = unique("site-refused");
        List<Object> messages = new ArrayList<>();

        // e1 runs [0, 60) at 100 kW. Revision 2 would add e2 on [30, 60), but the agent refuses it (and its refusal
        // arrives before the revision does), so revision 1 governs throughout: every kWh shed is e1's. Baseline 360
        // kW (1.0 kWh per 10 s), 0.7 kWh per 10 s during the event: 6 × 0.3 = 1.8 kWh.
        messages.add(refusal(site, 2, T.plusSeconds(21)));
        messages.add(schedule(site, 1, T.minusSeconds(60), segment(T, T.plusSeconds(60), share(e1, 100))));
        messages.add(schedule(site, 2, T.plusSeconds(20), segment(T, T.plusSeconds(30), share(e1, 100)),
                segment(T.plusSeconds(30), T.plusSeconds(60), share(e1, 100), share(e2, 50))));
        steps(messages, site, -30, 3, "1.0");
        steps(messages, site, 0, 6, "0.7");
        messages.add(event(e1, 0, T, T.plusSeconds(60)));
        messages.add(event(e2, 0, T.plusSeconds(30), T.plusSeconds(60)));
        double refused = counted(registry, ScheduleMetrics.REFUSED);
        messages.forEach(SettlementFixtures::send);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(delivery(e1).getString("sites[0].status")).isEqualTo("COMPLETE");
            assertThat(counted(registry, ScheduleMetrics.REFUSED)).isGreaterThanOrEqualTo(refused + 1);
        });
        await().atMost(PATIENCE).until(ConsumedTopics::allCaughtUp);
        JsonPath first = delivery(e1);
        assertThat(site(first, site)).containsEntry("deliveredKwh", new BigDecimal("1.800"));
        assertThat(first.getList("sites[0].windows.revision")).containsOnly(1);
        assertThat(delivery(e2).getList("sites")).isEmpty();
        JsonPath governing = as("bill").get("/api/sites/" + site + "/schedule?at=" + T.plusSeconds(45)).then()
                .statusCode(200).extract().jsonPath();
        assertThat(governing.getLong("revision")).isEqualTo(1);

        // The refusal again changes nothing.
        String before = DatabaseFingerprint.of(dataSource, List.of(site), List.of(e1, e2));
        messages.forEach(SettlementFixtures::send);
        await().atMost(PATIENCE).until(ConsumedTopics::allCaughtUp);
        assertThat(DatabaseFingerprint.of(dataSource, List.of(site), List.of(e1, e2))).isEqualTo(before)
                // 2 schedules, 3 segments, 4 contributions, 9 intervals, 1 refusal, 2 events with 1 interval each.
                .startsWith("23 rows");
        assertThat(delivery(e1).<Object>get("")).isEqualTo(first.get(""));
    }

    private static void steps(List<Object> messages, String siteId, int fromSeconds, int count, String energyKwh) {
        for (int i = 0; i < count; i++) {
            messages.add(telemetry(siteId, T.plusSeconds(fromSeconds + 10L * i), 10, energyKwh));
        }
    }

    private static JsonPath delivery(String eventId) {
        return as("bill").get("/api/events/" + eventId + "/delivery").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> site(JsonPath delivery, String siteId) {
        return delivery.getMap("sites.find { it.siteId == '" + siteId + "' }");
    }
}
