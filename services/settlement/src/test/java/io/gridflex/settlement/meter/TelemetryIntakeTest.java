package io.gridflex.settlement.meter;

import static io.gridflex.settlement.SettlementFixtures.as;
import static io.gridflex.settlement.SettlementFixtures.counted;
import static io.gridflex.settlement.SettlementFixtures.kafka;
import static io.gridflex.settlement.SettlementFixtures.rejected;
import static io.gridflex.settlement.SettlementFixtures.send;
import static io.gridflex.settlement.SettlementFixtures.sendTelemetry;
import static io.gridflex.settlement.SettlementFixtures.telemetry;
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

import io.gridflex.messages.SiteTelemetry;
import io.gridflex.messages.Topics;
import io.gridflex.settlement.SettlementFixtures;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Telemetry through real Kafka into real PostgreSQL: what is stored once, what is refused, and what is counted. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class TelemetryIntakeTest {

    private static final Instant T = Instant.parse("2026-03-03T08:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    MeterRegistry registry;

    @Test
    void aResentIntervalIsStoredOnce() {
        String site = unique("site-dup");
        double storedBefore = counted(registry, IntakeMetrics.STORED);
        double duplicatesBefore = counted(registry, IntakeMetrics.DUPLICATES);

        sendTelemetry(site, T, 10, "0.25");
        sendTelemetry(site, T, 10, "0.25");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(counted(registry, IntakeMetrics.DUPLICATES))
                .isGreaterThanOrEqualTo(duplicatesBefore + 1));
        List<Map<String, Object>> intervals = intervals(site);
        assertThat(intervals).hasSize(1);
        assertThat(intervals.getFirst()).containsEntry("energyKwh", new BigDecimal("0.250000"))
                .containsEntry("averageKw", new BigDecimal("90.000000"))
                .containsEntry("intervalStart", T.toString())
                .containsEntry("intervalEnd", T.plusSeconds(10).toString())
                .containsEntry("source", "METER")
                .containsEntry("coverage", new BigDecimal("1.000000"))
                .containsEntry("scheduleRevision", null);
        assertThat(counted(registry, IntakeMetrics.STORED)).isGreaterThanOrEqualTo(storedBefore + 1);
    }

    @Test
    void anOverlappingIntervalWithOtherFiguresIsRefusedAndChangesNothing() {
        String site = unique("site-overlap");
        double before = rejected(registry, Topics.SITE_TELEMETRY, "conflict");

        sendTelemetry(site, T, 10, "0.25");
        // Same start, other energy; then one straddling the stored interval's end.
        sendTelemetry(site, T, 10, "0.5");
        sendTelemetry(site, T.plusSeconds(5), 10, "0.25");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                rejected(registry, Topics.SITE_TELEMETRY, "conflict")).isGreaterThanOrEqualTo(before + 2));
        List<Map<String, Object>> intervals = intervals(site);
        assertThat(intervals).hasSize(1);
        assertThat(intervals.getFirst()).containsEntry("energyKwh", new BigDecimal("0.250000"));
    }

    @Test
    void aSitesDataQualityListsGapsLowCoverageAndTheConflictingReportsKeptOnce() {
        String site = unique("site-quality");
        sendTelemetry(site, T, 10, "0.25");
        send(SettlementFixtures.partialTelemetry(site, T.plusSeconds(10), 10, "0.2", 0.5));
        sendTelemetry(site, T.plusSeconds(30), 10, "0.25");
        // The same conflicting report twice: kept once, beside the stored interval it met.
        sendTelemetry(site, T, 10, "0.5");
        sendTelemetry(site, T, 10, "0.5");
        sendTelemetry(site, T.plusSeconds(40), 10, "0.25");
        await().atMost(PATIENCE).until(() -> intervals(site).size() == 4);

        var quality = as("olivia").queryParam("from", T.minusSeconds(10).toString())
                .queryParam("to", T.plusSeconds(60).toString())
                .get("/api/sites/" + site + "/quality").then().statusCode(200).extract().jsonPath();
        assertThat(quality.getInt("gaps.count")).isEqualTo(3);
        assertThat(quality.getLong("gaps.seconds")).isEqualTo(30);
        assertThat(quality.getList("gaps.first.start")).containsExactly(T.minusSeconds(10).toString(),
                T.plusSeconds(20).toString(), T.plusSeconds(50).toString());
        assertThat(quality.getInt("lowCoverage.count")).isEqualTo(1);
        assertThat(quality.getString("lowCoverage.first[0].start")).isEqualTo(T.plusSeconds(10).toString());
        assertThat(quality.getString("lowCoverage.first[0].source")).isEqualTo("MINERS");
        assertThat(quality.getInt("conflicts.count")).isEqualTo(1);
        assertThat(quality.<BigDecimal>get("conflicts.first[0].energyKwh")).isEqualByComparingTo("0.5");
        assertThat(quality.getString("conflicts.first[0].storedStart")).isEqualTo(T.toString());

        var lenient = as("bill").queryParam("from", T.toString()).queryParam("to", T.plusSeconds(50).toString())
                .queryParam("minimumSiteCoverage", "0.5").queryParam("limit", "1")
                .get("/api/sites/" + site + "/quality").then().statusCode(200).extract().jsonPath();
        assertThat(lenient.getInt("lowCoverage.count")).isZero();
        assertThat(lenient.getInt("gaps.count")).isEqualTo(1);

        for (String bad : List.of("0", "1.5", "x")) {
            as("bill").queryParam("from", T.toString()).queryParam("to", T.plusSeconds(50).toString())
                    .queryParam("minimumSiteCoverage", bad).get("/api/sites/" + site + "/quality").then()
                    .statusCode(400);
        }
        as("bill").queryParam("from", T.toString()).queryParam("to", T.plusSeconds(50).toString())
                .get("/api/sites/" + unique("site-none") + "/quality").then().statusCode(404);
    }

    @Test
    void readingsOfASiteNeitherScheduledNorContractedAreKeptAndListedAsUnknown() {
        String prefix = unique("metered");
        String scheduled = prefix + "-a";
        String contracted = prefix + "-b";
        String stranger = prefix + "-c";
        send(SettlementFixtures.schedule(scheduled, 1, T.minusSeconds(60)));
        as("ada").contentType(io.restassured.http.ContentType.JSON).body(Map.of("ownerShare", new BigDecimal("0.5")))
                .post("/api/sites/" + contracted + "/contract").then().statusCode(201);
        for (String site : List.of(scheduled, contracted, stranger)) {
            sendTelemetry(site, T, 10, "0.25");
        }
        await().atMost(PATIENCE).until(() -> intervals(stranger).size() == 1 && intervals(scheduled).size() == 1
                && intervals(contracted).size() == 1
                && as("bill").queryParam("after", prefix).queryParam("limit", "3").get("/api/sites").then()
                        .extract().jsonPath().getBoolean("[0].scheduled"));

        var all = as("bill").queryParam("after", prefix).queryParam("limit", "3").get("/api/sites").then()
                .statusCode(200).extract().jsonPath();
        assertThat(all.getList("siteId")).containsExactly(scheduled, contracted, stranger);
        assertThat(all.getList("known")).containsExactly(true, true, false);
        assertThat(all.getList("contracted")).containsExactly(false, true, false);
        var unknown = as("olivia").queryParam("after", prefix).queryParam("unknown", "true").queryParam("limit", "1")
                .get("/api/sites").then().statusCode(200).extract().jsonPath();
        assertThat(unknown.getList("siteId")).containsExactly(stranger);
        as("bill").queryParam("unknown", "maybe").get("/api/sites").then().statusCode(400);
    }

    @Test
    void anIntervalOverlappingStoredOnesAnyWayIsRefusedAndOneFillingAGapExactlyIsStored() {
        String site = unique("site-gaps");
        double before = rejected(registry, Topics.SITE_TELEMETRY, "conflict");
        // Stored first, in their own polls: [0, 10), [20, 30), [30, 40).
        sendTelemetry(site, T, 10, "0.25");
        sendTelemetry(site, T.plusSeconds(20), 10, "0.25");
        sendTelemetry(site, T.plusSeconds(30), 10, "0.25");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(intervals(site)).hasSize(3));

        sendTelemetry(site, T.plusSeconds(15), 10, "0.3"); // ends inside [20, 30)
        sendTelemetry(site, T.plusSeconds(12), 40, "1.2"); // holds [20, 30) and [30, 40) whole
        sendTelemetry(site, T.plusSeconds(35), 10, "0.3"); // starts inside [30, 40)
        sendTelemetry(site, T.plusSeconds(10), 10, "0.25"); // exactly the gap [10, 20)

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(rejected(registry, Topics.SITE_TELEMETRY, "conflict")).isEqualTo(before + 3);
            assertThat(intervals(site)).extracting(interval -> interval.get("intervalStart")).containsExactly(
                    T.toString(), T.plusSeconds(10).toString(), T.plusSeconds(20).toString(),
                    T.plusSeconds(30).toString());
        });
    }

    @Test
    void theSameIntervalWithAnotherCoverageIsAConflictingReport() {
        String site = unique("site-coverage");
        double before = rejected(registry, Topics.SITE_TELEMETRY, "conflict");
        SiteTelemetry first = telemetry(site, T, 10, "0.25");
        send(first);
        send(new SiteTelemetry(site, T, first.intervalEnd(), first.averageKw(), first.energyKwh(), first.miningKw(),
                first.dataCentreKw(), first.sheddableKw(), first.shedKw(), first.targetShedKw(), first.maxImportKw(),
                first.miners(), first.hashrateThs(), first.efficiencyJPerTh(), 7L, SiteTelemetry.Source.MINERS, 0.8));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                rejected(registry, Topics.SITE_TELEMETRY, "conflict")).isGreaterThanOrEqualTo(before + 1));
        assertThat(intervals(site)).singleElement().satisfies(interval -> assertThat(interval)
                .containsEntry("source", "METER").containsEntry("coverage", new BigDecimal("1.000000")));
    }

    @Test
    void malformedTelemetryIsCountedAndStoresNothing() {
        String site = unique("site-bad");
        double invalid = rejected(registry, Topics.SITE_TELEMETRY, "invalid");
        sendTelemetry(site, T, 10, "0.25");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(intervals(site)).hasSize(1));

        kafka().send(Topics.siteTelemetry(site), site, "{not json");
        // The old contract's shape (activeCommandId, no source or coverage) is not telemetry any more.
        kafka().send(Topics.siteTelemetry(site), site, """
                {"siteId":"%s","intervalStart":"2026-03-03T08:00:10Z","intervalEnd":"2026-03-03T08:00:20Z",
                 "averageKw":5,"energyKwh":0.1,"sheddableKw":0,"maxImportKw":0,"minersTotal":0,"minersRunning":0,
                 "activeCommandId":null}""".formatted(site));
        // Valid, but ending before it starts.
        SiteTelemetry sample = telemetry(site, T.plusSeconds(30), 10, "0.1");
        send(new SiteTelemetry(site, T.plusSeconds(30), T.plusSeconds(20), sample.averageKw(), sample.energyKwh(),
                sample.miningKw(), sample.dataCentreKw(), sample.sheddableKw(), sample.shedKw(), sample.targetShedKw(),
                sample.maxImportKw(), sample.miners(), sample.hashrateThs(), sample.efficiencyJPerTh(), 4L,
                sample.source(), 0.5));

        await().atMost(PATIENCE).untilAsserted(() -> {
            // Not JSON, the old contract's shape, and an interval ending before it starts.
            assertThat(rejected(registry, Topics.SITE_TELEMETRY, "invalid")).isGreaterThanOrEqualTo(invalid + 3);
        });
        assertThat(intervals(site)).hasSize(1);
    }

    @Test
    void anIntervalClaimingYearsTheFutureOrAnImpossibleDrawIsRefusedAndTheSiteGoesOnBeingMetered() {
        String site = unique("site-absurd");
        double implausible = rejected(registry, Topics.SITE_TELEMETRY, "implausible");
        double future = rejected(registry, Topics.SITE_TELEMETRY, "from-the-future");
        // Ten years from T: stored, it would overlap (and so block) every later interval of the site.
        send(telemetry(site, T, 10 * 365 * 24 * 3600, "1"));
        send(telemetry(site, Instant.now().plusSeconds(3600), 10, "0.1"));
        send(telemetry(site, T.plusSeconds(20), 10, "5000"));
        sendTelemetry(site, T, 10, "0.25");
        sendTelemetry(site, T.plusSeconds(10), 10, "0.25");

        await().atMost(PATIENCE).untilAsserted(() -> {
            // Ten years long, and 5000 kWh in ten seconds.
            assertThat(rejected(registry, Topics.SITE_TELEMETRY, "implausible")).isEqualTo(implausible + 2);
            assertThat(rejected(registry, Topics.SITE_TELEMETRY, "from-the-future")).isEqualTo(future + 1);
            assertThat(intervals(site)).hasSize(2);
        });
    }

    /** The site's stored intervals; none while settlement has heard nothing of the site (404). */
    private static List<Map<String, Object>> intervals(String site) {
        var response = as("audrey").queryParam("from", T.minusSeconds(60).toString())
                .queryParam("to", T.plusSeconds(60).toString())
                .get("/api/sites/" + site + "/intervals");
        if (response.statusCode() == 404) {
            return List.of();
        }
        return response.then().statusCode(200).extract().jsonPath().getList("intervals");
    }
}
