package io.gridflex.settlement.schedule;

import static io.gridflex.settlement.SettlementFixtures.acceptance;
import static io.gridflex.settlement.SettlementFixtures.as;
import static io.gridflex.settlement.SettlementFixtures.counted;
import static io.gridflex.settlement.SettlementFixtures.kafka;
import static io.gridflex.settlement.SettlementFixtures.operatorTest;
import static io.gridflex.settlement.SettlementFixtures.rejected;
import static io.gridflex.settlement.SettlementFixtures.segment;
import static io.gridflex.settlement.SettlementFixtures.send;
import static io.gridflex.settlement.SettlementFixtures.sendSchedule;
import static io.gridflex.settlement.SettlementFixtures.share;
import static io.gridflex.settlement.SettlementFixtures.telemetryHolding;
import static io.gridflex.settlement.SettlementFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.Topics;
import io.gridflex.settlement.ConsumedTopics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Site schedules through real Kafka into real PostgreSQL: every revision is kept once, in whatever order it arrives; a
 * different revision under a number already held, or one that breaks its own contract, is refused and counted.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class ScheduleIntakeTest {

    private static final Instant T = Instant.parse("2026-03-07T09:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    @Test
    void revisionsArrivingOutOfOrderAreAllKeptAndTheHighestIssuedGoverns() {
        String site = unique("site-order");
        String eventId = unique("vtn-order") + "/e";
        double stored = counted(registry, ScheduleMetrics.STORED);
        sendSchedule(site, 3, T.plusSeconds(120), segment(T.plusSeconds(120), T.plusSeconds(600),
                share(eventId, 40)));
        sendSchedule(site, 2, T.plusSeconds(60), segment(T.plusSeconds(60), T.plusSeconds(600), share(eventId, 70),
                operatorTest("operator/o-" + site, 5)));
        sendSchedule(site, 1, T, segment(T.plusSeconds(30), T.plusSeconds(600), share(eventId, 100)));

        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM settlement.site_schedule WHERE site_id = ?",
                site) == 3);
        assertThat(count("SELECT count(*) FROM settlement.schedule_segment WHERE site_id = ?", site)).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM settlement.schedule_contribution WHERE site_id = ?", site))
                .isEqualTo(4);
        assertThat(counted(registry, ScheduleMetrics.STORED)).isGreaterThanOrEqualTo(stored + 3);

        JsonPath early = schedule(site, T.plusSeconds(45));
        assertThat(early.getLong("revision")).isEqualTo(1);
        assertThat(early.getString("inForce.contributions[0].eventId")).isEqualTo(eventId);
        JsonPath middle = schedule(site, T.plusSeconds(90));
        assertThat(middle.getLong("revision")).isEqualTo(2);
        assertThat(middle.getString("issuedAt")).isEqualTo(T.plusSeconds(60).toString());
        assertThat(middle.getList("inForce.contributions")).hasSize(2);
        assertThat(middle.getString("inForce.shedKw")).isEqualTo("75.000000");
        JsonPath late = schedule(site, T.plusSeconds(900));
        assertThat(late.getLong("revision")).isEqualTo(3);
        assertThat(late.getString("inForce")).isNull();
        assertThat(late.getList("segments")).hasSize(1);
        JsonPath before = schedule(site, T.minusSeconds(1));
        assertThat(before.getString("revision")).isNull();
        assertThat(before.getList("segments")).isEmpty();
    }

    @Test
    void aRevisionGovernsFromWhenTheSiteAcceptedIt() {
        String site = unique("site-accept");
        String eventId = unique("vtn-accept") + "/e";
        double accepted = counted(registry, ScheduleMetrics.ACCEPTED);
        double duplicates = rejected(registry, Topics.SCHEDULE_ACKS, "duplicate");
        sendSchedule(site, 1, T, segment(T, T.plusSeconds(600), share(eventId, 100)));
        send(acceptance(site, 1, T.plusMillis(40)));
        // The site was offline when revision 2 was issued, at T + 60 s: it went on with revision 1 and accepted
        // revision 2 once its link was back, at T + 300 s. That acceptance reaches settlement before the revision.
        send(acceptance(site, 2, T.plusSeconds(300)));
        await().atMost(PATIENCE).until(() -> counted(registry, ScheduleMetrics.ACCEPTED) >= accepted + 2);
        sendSchedule(site, 2, T.plusSeconds(60), segment(T, T.plusSeconds(60), share(eventId, 100)));

        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM settlement.site_schedule WHERE site_id = ?",
                site) == 2);
        assertThat(schedule(site, T.plusSeconds(20)).getLong("revision")).isEqualTo(1);
        JsonPath offline = schedule(site, T.plusSeconds(299));
        assertThat(offline.getLong("revision")).isEqualTo(1);
        assertThat(offline.getString("inForce.contributions[0].eventId")).isEqualTo(eventId);
        assertThat(schedule(site, T.plusSeconds(300)).getLong("revision")).isEqualTo(2);

        // An acceptance sent again is a duplicate and moves nothing.
        send(acceptance(site, 2, T.plusSeconds(400)));
        await().atMost(PATIENCE).until(() -> rejected(registry, Topics.SCHEDULE_ACKS, "duplicate") >= duplicates + 1);
        assertThat(schedule(site, T.plusSeconds(350)).getLong("revision")).isEqualTo(2);
    }

    @Test
    void aSiteThatReportsHoldingAnOlderRevisionIsGovernedByItUntilItReportsTheNewOne() {
        String site = unique("site-held");
        String late = unique("site-held-late");
        String eventId = unique("vtn-held") + "/e";
        for (String s : List.of(site, late)) {
            sendSchedule(s, 1, T, segment(T, T.plusSeconds(600), share(eventId, 100)));
        }
        sendSchedule(site, 2, T.plusSeconds(60), segment(T, T.plusSeconds(60), share(eventId, 100)));
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM settlement.site_schedule WHERE site_id = ?",
                site) == 2 && count("SELECT count(*) FROM settlement.site_schedule WHERE site_id = ?", late) == 1);
        // Nothing says otherwise yet: revision 2 stands for its issue.
        assertThat(schedule(site, T.plusSeconds(90)).getLong("revision")).isEqualTo(2);

        // Both sites were offline: their metered intervals, replayed, say they held revision 1 until T + 120 s.
        for (int i = 0; i < 12; i++) {
            send(telemetryHolding(site, T.plusSeconds(10L * i), 10, "0.1", 1));
            send(telemetryHolding(late, T.plusSeconds(10L * i), 10, "0.1", 1));
        }
        await().atMost(PATIENCE).until(() -> count(
                "SELECT count(*) FROM settlement.meter_interval WHERE site_id IN (?, ?)", site, late) == 24);
        // For the second site, revision 2 arrives only after the intervals.
        sendSchedule(late, 2, T.plusSeconds(60), segment(T, T.plusSeconds(60), share(eventId, 100)));
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM settlement.site_schedule WHERE site_id = ?",
                late) == 2);

        // While their latest reports still show revision 1, revision 2 does not govern them at all: what the replay
        // has not yet brought in is not cut short.
        for (String s : List.of(site, late)) {
            assertThat(schedule(s, T.plusSeconds(90)).getLong("revision")).as(s).isEqualTo(1);
            assertThat(schedule(s, T.plusSeconds(500)).getLong("revision")).as(s).isEqualTo(1);
        }

        // Then they report holding revision 2: it governs from their last report of revision 1.
        for (String s : List.of(site, late)) {
            send(telemetryHolding(s, T.plusSeconds(120), 10, "0.1", 2));
        }
        await().atMost(PATIENCE).until(() -> count(
                "SELECT count(*) FROM settlement.meter_interval WHERE site_id IN (?, ?)", site, late) == 26);
        for (String s : List.of(site, late)) {
            assertThat(schedule(s, T.plusSeconds(119)).getLong("revision")).as(s).isEqualTo(1);
            assertThat(schedule(s, T.plusSeconds(120)).getLong("revision")).as(s).isEqualTo(2);
        }
    }

    @Test
    void aResentRevisionIsStoredOnceAndAnotherUnderTheSameNumberIsRefused() {
        String site = unique("site-dup");
        String eventId = unique("vtn-dup") + "/e";
        double duplicates = counted(registry, ScheduleMetrics.DUPLICATES);
        double conflicts = counted(registry, ScheduleMetrics.CONFLICTS);
        double conflictRejections = rejected(registry, Topics.SITE_SCHEDULES, "conflict");
        ScheduleSegment segment = segment(T, T.plusSeconds(60), share(eventId, 100));
        sendSchedule(site, 1, T.minusSeconds(60), segment);
        sendSchedule(site, 1, T.minusSeconds(60), segment);
        sendSchedule(site, 1, T.minusSeconds(60), segment(T, T.plusSeconds(60), share(eventId, 999)));

        await().atMost(PATIENCE).until(() -> counted(registry, ScheduleMetrics.DUPLICATES) >= duplicates + 1
                && counted(registry, ScheduleMetrics.CONFLICTS) >= conflicts + 1
                && rejected(registry, Topics.SITE_SCHEDULES, "conflict") >= conflictRejections + 1
                && ConsumedTopics.caughtUp("gridflex-settlement.site-schedules", Topics.SITE_SCHEDULES));
        assertThat(count("SELECT count(*) FROM settlement.site_schedule WHERE site_id = ?", site)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM settlement.schedule_contribution WHERE site_id = ?", site))
                .isEqualTo(1);
        assertThat(count("SELECT kw::bigint FROM settlement.schedule_contribution WHERE site_id = ?", site))
                .isEqualTo(100);
    }

    @Test
    void aRevisionThatBreaksItsContractIsRefusedAndStoresNothing() {
        String site = unique("site-bad");
        String eventId = unique("vtn-bad") + "/e";
        double invalid = rejected(registry, Topics.SITE_SCHEDULES, "invalid");
        double inconsistent = rejected(registry, Topics.SITE_SCHEDULES, "inconsistent");
        kafka().send(Topics.siteSchedules(site), site, "{\"siteId\":\"" + site + "\",\"revision\":0}");
        sendSchedule(site, 1, T, segment(T, T.plusSeconds(60), share(eventId, 10)),
                segment(T.plusSeconds(30), T.plusSeconds(90), share(eventId, 10)));
        sendSchedule(site, 2, T, new ScheduleSegment(T, T.plusSeconds(60), 500, null, List.of(share(eventId, 10))));

        // Not a schedule, and overlapping segments: invalid; a shed that is not its events' sum: inconsistent.
        await().atMost(PATIENCE).until(() -> rejected(registry, Topics.SITE_SCHEDULES, "invalid") >= invalid + 2
                && rejected(registry, Topics.SITE_SCHEDULES, "inconsistent") >= inconsistent + 1
                && ConsumedTopics.caughtUp("gridflex-settlement.site-schedules", Topics.SITE_SCHEDULES));
        assertThat(count("SELECT count(*) FROM settlement.site_schedule WHERE site_id = ?", site)).isZero();
        as("bill").get("/api/sites/" + site + "/schedule").then().statusCode(404);
    }

    private static JsonPath schedule(String site, Instant at) {
        return as("audrey").queryParam("at", at.toString()).get("/api/sites/" + site + "/schedule").then()
                .statusCode(200).extract().jsonPath();
    }

    private long count(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
