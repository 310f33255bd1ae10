package io.gridflex.settlement.statement;

import static io.gridflex.settlement.SettlementFixtures.as;
import static io.gridflex.settlement.SettlementFixtures.event;
import static io.gridflex.settlement.SettlementFixtures.schedule;
import static io.gridflex.settlement.SettlementFixtures.segment;
import static io.gridflex.settlement.SettlementFixtures.share;
import static io.gridflex.settlement.SettlementFixtures.telemetry;
import static io.gridflex.settlement.SettlementFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import io.gridflex.settlement.ConsumedTopics;
import io.gridflex.settlement.SettlementFixtures;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A program's month, end to end on real Kafka, PostgreSQL and Keycloak: terms stored by a billing administrator,
 * events, schedules and telemetry from Kafka, a statement prepared, reviewed and approved by two people, refused edits
 * (by the database itself), verification from the stored inputs, late data, a correction and the CSV export. Figures
 * are worked by hand in the comments.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class StatementFlowTest {

    private static final Instant T = Instant.parse("2026-04-07T10:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Inject
    DataSource dataSource;

    @Test
    void aMonthIsPreparedReviewedApprovedVerifiedAndCorrectedToTheCent() throws Exception {
        String program = unique("prog-stmt");
        String vtn = unique("vtn-stmt");
        String e1 = vtn + "/e1";
        String e2 = vtn + "/e2";
        String a = unique("site-a");
        String b = unique("site-b");
        String c = unique("site-c");
        storeTerms(program);
        as("ada").contentType(ContentType.JSON).body(Map.of("ownerShare", new BigDecimal("0.5")))
                .post("/api/sites/" + b + "/contract").then().statusCode(201);

        // Every site draws 600 kW (10 kWh a minute) for the five minutes before T: a meter-before baseline of 600.
        // e1 asks 100 kW of each site for [T, T+10 min); at c, e2 asks 50 kW more over the same minutes.
        // a draws 510 kW: 90 delivered, 10 short, each minute. b the same, but minute 4 is never metered.
        // c draws 450 kW: 150 delivered, two thirds e1's (100) and one third e2's (50).
        List<Object> messages = new ArrayList<>();
        messages.add(event(e1, 0, T, T.plusSeconds(600), program));
        messages.add(event(e2, 0, T, T.plusSeconds(600), program));
        messages.add(schedule(a, 1, T.minusSeconds(3600), segment(T, T.plusSeconds(600), share(e1, 100))));
        messages.add(schedule(b, 1, T.minusSeconds(3600), segment(T, T.plusSeconds(600), share(e1, 100))));
        messages.add(schedule(c, 1, T.minusSeconds(3600),
                segment(T, T.plusSeconds(600), share(e1, 100), share(e2, 50))));
        for (String site : List.of(a, b, c)) {
            minutes(messages, site, -5, 5, "10");
        }
        minutes(messages, a, 0, 10, "8.5");
        minutes(messages, b, 0, 4, "8.5");
        minutes(messages, b, 5, 5, "8.5");
        // b's minute 4 is reported by only half of its miners: left out (as if unmetered), and b's line says so. Two
        // days before, a minute of c likewise: no method reads it, so c's lines say nothing of it.
        Instant halfSeen = T.plusSeconds(240);
        messages.add(SettlementFixtures.partialTelemetry(b, halfSeen, 60, "4.25", 0.5));
        messages.add(SettlementFixtures.partialTelemetry(c, T.minus(Duration.ofDays(2)), 60, "4.25", 0.5));
        minutes(messages, c, 0, 10, "7.5");
        messages.forEach(SettlementFixtures::send);
        await().atMost(PATIENCE).until(ConsumedTopics::allCaughtUp);

        JsonPath draft = prepare(program, null).statusCode(201).extract().jsonPath();
        String id = draft.getString("statementId");
        assertThat(draft.getString("status")).isEqualTo("DRAFT");
        assertThat(draft.getInt("version")).isEqualTo(1);
        assertThat(draft.getString("preparedBy")).isEqualTo("ada");
        // a: 90 kW × 10 min = 0.015 MWh × $50 = $0.75; capacity 0.1 MW × $1,000 × 0.9 = $90.00; shortfall
        // 10 kW × 10 min = 0.001667 MWh × $3,650 (300 × 365 / 30) = $6.08455 → $6.08; net $84.67; owner 70 %: $59.27.
        assertThat(line(draft, e1, a)).containsEntry("status", "COMPLETE")
                .containsEntry("deliveredMwh", new BigDecimal("0.015000"))
                .containsEntry("shortfallMwh", new BigDecimal("0.001667"))
                .containsEntry("factor", new BigDecimal("0.900000"))
                .containsEntry("energy", new BigDecimal("0.75")).containsEntry("capacity", new BigDecimal("90.00"))
                .containsEntry("nonPerformance", new BigDecimal("6.08")).containsEntry("net", new BigDecimal("84.67"))
                .containsEntry("owner", new BigDecimal("59.27")).containsEntry("aggregator", new BigDecimal("25.40"))
                .containsEntry("method", "METER_BEFORE_METER_AFTER");
        // b: the minute left out delivers nothing and falls short by all 100 kW: 13.5 kWh; shortfall
        // (9 × 10 + 100) / 60 = 3.167 kWh; factor (9 × 0.9 + 0) / 10 = 0.81. $0.675 → $0.68 (half-even), $81.00,
        // 3650 × 0.003167 = $11.55955 → $11.56; net $70.12, half to the owner by b's contract.
        assertThat(line(draft, e1, b)).containsEntry("status", "PARTIAL")
                .containsEntry("deliveredMwh", new BigDecimal("0.013500"))
                .containsEntry("shortfallMwh", new BigDecimal("0.003167"))
                .containsEntry("factor", new BigDecimal("0.810000")).containsEntry("energy", new BigDecimal("0.68"))
                .containsEntry("nonPerformance", new BigDecimal("11.56")).containsEntry("net", new BigDecimal("70.12"))
                .containsEntry("ownerShare", new BigDecimal("0.500000"))
                .containsEntry("owner", new BigDecimal("35.06"))
                .containsEntry("problem", "telemetry left out in 1 settlement interval(s) from " + halfSeen + " to "
                        + halfSeen + ": it covered less than 95 % of the site");
        // c: each kWh once. e1 16.667 kWh ($0.83 + $100.00), e2 8.333 kWh ($0.42 + 0.05 MW × $1,000 = $50.00).
        assertThat(line(draft, e1, c)).containsEntry("deliveredMwh", new BigDecimal("0.016667"))
                .containsEntry("net", new BigDecimal("100.83")).containsEntry("problem", null);
        assertThat(line(draft, e2, c)).containsEntry("deliveredMwh", new BigDecimal("0.008333"))
                .containsEntry("committedMw", new BigDecimal("0.050000")).containsEntry("net", new BigDecimal("50.42"));
        assertThat(draft.<BigDecimal>get("deliveredMwh")).isEqualTo(new BigDecimal("0.053500"));
        assertThat(draft.<BigDecimal>get("net")).isEqualTo(new BigDecimal("306.04"));
        assertThat(draft.<BigDecimal>get("nonPerformance")).isEqualTo(new BigDecimal("17.64"));

        // Four eyes: the preparer may neither review nor approve; the steps go in order.
        as("ada").post("/api/statements/" + id + "/review").then().statusCode(403);
        as("bea").post("/api/statements/" + id + "/approve").then().statusCode(409);
        as("bill").post("/api/statements/" + id + "/review").then().statusCode(403);
        as("bea").post("/api/statements/" + id + "/review").then().statusCode(200);
        as("ada").post("/api/statements/" + id + "/approve").then().statusCode(403);
        JsonPath approved = as("bea").post("/api/statements/" + id + "/approve").then().statusCode(200).extract()
                .jsonPath();
        assertThat(approved.getString("status")).isEqualTo("APPROVED");
        assertThat(approved.getString("approvedBy")).isEqualTo("bea");
        as("bea").post("/api/statements/" + id + "/approve").then().statusCode(409);

        // The database itself refuses to edit or delete what is approved.
        UUID statementId = UUID.fromString(id);
        assertRefused("UPDATE settlement.statement SET net = 0 WHERE statement_id = ?", statementId, "approved");
        assertRefused("DELETE FROM settlement.statement WHERE statement_id = ?", statementId, "never deleted");
        assertRefused("UPDATE settlement.statement_line SET net = 0 WHERE statement_id = ?", statementId,
                "never changed");
        assertRefused("DELETE FROM settlement.statement_line WHERE statement_id = ?", statementId, "never changed");

        // The utility's own file: a matches, b is paid 12 cents less, c's e2 line is missing, and it pays a line we
        // never had.
        String utility = "Event_ID,site_id,delivered_mwh,amount,comment\r\n"
                + e1 + "," + a + ",0.015,84.67,ok\r\n"
                + e1 + "," + b + ",0.0135,70.00,\"meter, estimated\"\r\n"
                + e1 + "," + c + ",0.016667,100.83,\r\n"
                + vtn + "/e9," + a + ",0.001,5.00,\r\n";
        JsonPath reconciled = as("ada").contentType("text/csv").body(utility)
                .post("/api/statements/" + id + "/reconciliations").then().statusCode(201).extract().jsonPath();
        assertThat(reconciled.getInt("utilityRows")).isEqualTo(4);
        assertThat(reconciled.getInt("differences")).isEqualTo(3);
        Map<String, Object> paidLess = line(reconciled, e1, b);
        assertThat(paidLess).containsEntry("outcome", "DIFFERENT")
                .containsEntry("amountDelta", new BigDecimal("-0.12"));
        assertThat(line(reconciled, e2, c)).containsEntry("outcome", "ONLY_OURS");
        assertThat(line(reconciled, vtn + "/e9", a)).containsEntry("outcome", "ONLY_UTILITY");
        assertThat(line(reconciled, e1, a)).containsEntry("outcome", "MATCH");
        String refused = as("ada").contentType("text/csv")
                .body("event_id,site_id,amount\n" + e1 + "," + a + ",12\n" + e1 + "," + b + ",twelve\n")
                .post("/api/statements/" + id + "/reconciliations").then().statusCode(400).extract().jsonPath()
                .getString("detail");
        assertThat(refused).contains("line 3").contains("twelve");
        assertThat(as("bill").get("/api/statements/" + id + "/reconciliations").then().statusCode(200).extract()
                .jsonPath().getList("$")).hasSize(1);

        JsonPath verified = as("audrey").get("/api/statements/" + id + "/verification").then().statusCode(200)
                .extract().jsonPath();
        assertThat(verified.getBoolean("reproduced")).isTrue();

        // The utility's revenue meter covers b's minute 4 late: the stored statement no longer matches its inputs,
        // and says where.
        as("ada").contentType("text/csv").body("interval_start,interval_end,energy_kwh\n" + halfSeen + ","
                + halfSeen.plusSeconds(60) + ",8.5\n").post("/api/sites/" + b + "/meter-readings").then()
                .statusCode(201);
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath moved = as("bill").get("/api/statements/" + id + "/verification").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(moved.getBoolean("reproduced")).isFalse();
            assertThat(moved.getList("differences.what")).contains("inputs", "net");
            assertThat(moved.getList("differences.siteId")).containsOnly(b);
        });

        prepare(program, null).statusCode(400);
        JsonPath correction = prepare(program, "late meter data for " + b).statusCode(201).extract().jsonPath();
        assertThat(correction.getInt("version")).isEqualTo(2);
        assertThat(line(correction, e1, b)).containsEntry("status", "COMPLETE")
                .containsEntry("net", new BigDecimal("84.67")).containsEntry("owner", new BigDecimal("42.34"));
        assertThat(as("bill").get("/api/statements/" + id).then().statusCode(200).extract().jsonPath()
                .<BigDecimal>get("net")).isEqualTo(new BigDecimal("306.04"));

        // A reviewer rejects the correction, saying why: final and never paid; the approved one cannot be rejected.
        String v2 = correction.getString("statementId");
        reject("bea", v2, " ").statusCode(400);
        reject("bea", v2, "x".repeat(2049)).statusCode(400);
        reject("ada", v2, "my own").statusCode(403);
        reject("bea", id, "paid already").statusCode(409);
        JsonPath rejected = reject("bea", v2, "b's minute 4 is an estimate, not a reading").statusCode(200).extract()
                .jsonPath();
        assertThat(rejected.getString("status")).isEqualTo("REJECTED");
        assertThat(rejected.getString("rejection.by")).isEqualTo("bea");
        assertThat(rejected.getString("rejection.reason")).isEqualTo("b's minute 4 is an estimate, not a reading");
        reject("bea", v2, "again").statusCode(409);
        as("bea").post("/api/statements/" + v2 + "/review").then().statusCode(409);
        assertRefused("UPDATE settlement.statement SET status = 'DRAFT', rejected_by = NULL, rejected_at = NULL, "
                + "rejection_reason = NULL WHERE statement_id = ?", UUID.fromString(v2), "rejected");
        // The next version takes its place; the database keeps rejection four-eyed and with its reason.
        String v3 = prepare(program, "late meter data for " + b + ", read again").statusCode(201).extract().jsonPath()
                .getString("statementId");
        assertRefused("UPDATE settlement.statement SET status = 'REJECTED', rejected_by = prepared_by, "
                + "rejected_at = now(), rejection_reason = 'x' WHERE statement_id = ?", UUID.fromString(v3),
                "statement_four_eyes");
        assertRefused("UPDATE settlement.statement SET status = 'REJECTED', rejected_by = 'bea', "
                + "rejected_at = now() WHERE statement_id = ?", UUID.fromString(v3), "statement_status");
        assertThat(as("audrey").queryParam("target", "statement/" + v2).get("/api/audit").then().statusCode(200)
                .extract().jsonPath().getList("action")).containsExactly("statement.rejected", "statement.prepare");

        String csv = as("bill").get("/api/statements/" + id + "/lines.csv").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv.split("\r\n")).hasSize(5);
        assertThat(csv).startsWith("statement_id,program,").contains(e1 + "," + b + ",1,PARTIAL");
        var pdf = as("audrey").get("/api/statements/" + id + "/statement.pdf").then().statusCode(200)
                .contentType("application/pdf").header("Content-Disposition", containsString(".pdf\""));
        try (PDDocument document = Loader.loadPDF(pdf.extract().asByteArray())) {
            assertThat(new PDFTextStripper().getText(document))
                    .contains("program " + program).contains("APPROVED").contains(e1 + " " + b + " PARTIAL")
                    .contains("306.04");
        }

        JsonPath detail = as("bill").queryParam("event", e1).queryParam("site", c)
                .get("/api/statements/" + id + "/detail").then().statusCode(200).extract().jsonPath();
        assertThat(detail.<BigDecimal>get("[0].baseline.intervals[0].adjustedKw"))
                .isEqualTo(new BigDecimal("600.000"));

        List<String> actions = as("audrey").queryParam("target", "statement/" + id).get("/api/audit").then()
                .statusCode(200).extract().jsonPath().getList("action");
        assertThat(actions).containsExactly("statement.reconcile", "statement.approved", "statement.reviewed",
                "statement.prepare");
        as("bill").get("/api/audit").then().statusCode(403);
    }

    @Test
    void eachEventIsSettledByTheTermsInForceOnItsDayAndAStoredStatementKeepsTheVersionsItUsed() {
        String program = unique("prog-terms");
        String vtn = unique("vtn-terms");
        String e1 = vtn + "/e1";
        String e2 = vtn + "/e2";
        String site = unique("site-terms");
        Instant t2 = T.plus(Duration.ofDays(1));
        // From the start $50 a MWh; from e2's day on $100 a MWh.
        storeTerms(program, Map.of());
        storeTerms(program, Map.of("energyPricePerMwh", new BigDecimal("100.00"), "effectiveFrom", "2026-04-08"));
        // The site sheds 90 kW of 100 for ten minutes in both events, after five minutes at 600 kW.
        List<Object> messages = new ArrayList<>();
        messages.add(event(e1, 0, T, T.plusSeconds(600), program));
        messages.add(event(e2, 0, t2, t2.plusSeconds(600), program));
        messages.add(schedule(site, 1, T.minusSeconds(3600), segment(T, T.plusSeconds(600), share(e1, 100)),
                segment(t2, t2.plusSeconds(600), share(e2, 100))));
        for (Instant start : List.of(T, t2)) {
            for (int minute = -5; minute < 10; minute++) {
                messages.add(telemetry(site, start.plusSeconds(60L * minute), 60, minute < 0 ? "10" : "8.5"));
            }
        }
        messages.forEach(SettlementFixtures::send);
        await().atMost(PATIENCE).until(ConsumedTopics::allCaughtUp);

        JsonPath first = prepare(program, null).statusCode(201).extract().jsonPath();
        // 0.015 MWh at $50 = $0.75 and at $100 = $1.50; capacity $90.00 and non-performance $6.08 either way.
        assertThat(line(first, e1, site)).containsEntry("termsVersion", 1).containsEntry("energy", new BigDecimal(
                "0.75")).containsEntry("net", new BigDecimal("84.67"));
        assertThat(line(first, e2, site)).containsEntry("termsVersion", 2).containsEntry("energy", new BigDecimal(
                "1.50")).containsEntry("net", new BigDecimal("85.42"));
        assertThat(first.getInt("termsVersion")).isEqualTo(2);
        String id = first.getString("statementId");
        assertThat(as("bill").get("/api/statements/" + id + "/lines.csv").then().statusCode(200).extract()
                .asString()).contains(e1 + "," + site + ",1,COMPLETE").contains(e2 + "," + site + ",2,COMPLETE");

        // A correction of the first terms ($60 from the start): the stored statement still verifies with the
        // versions it used; its next version settles e1 by the correction and e2 still by version 2.
        storeTerms(program, Map.of("energyPricePerMwh", new BigDecimal("60.00")));
        assertThat(as("bill").get("/api/statements/" + id + "/verification").then().statusCode(200).extract()
                .jsonPath().getBoolean("reproduced")).isTrue();
        JsonPath corrected = prepare(program, "energy price corrected").statusCode(201).extract().jsonPath();
        assertThat(line(corrected, e1, site)).containsEntry("termsVersion", 3)
                .containsEntry("energy", new BigDecimal("0.90"));
        assertThat(line(corrected, e2, site)).containsEntry("termsVersion", 2)
                .containsEntry("energy", new BigDecimal("1.50"));

        assertThat(as("ada").contentType(ContentType.JSON)
                .body(SettlementFixtures.statementTerms(Map.of("currency", "EUR")))
                .post("/api/programs/" + program + "/terms").then().statusCode(400).extract().jsonPath()
                .getString("detail")).contains("currency EUR differs from USD");

        String late = unique("prog-late");
        storeTerms(late, Map.of("effectiveFrom", "2026-04-20"));
        SettlementFixtures.send(event(unique("vtn-late") + "/e", 0, T, T.plusSeconds(600), late));
        await().atMost(PATIENCE).until(ConsumedTopics::allCaughtUp);
        assertThat(prepare(late, null).statusCode(409).extract().jsonPath().getString("detail"))
                .contains("before any version of the terms");
    }

    @Test
    void termsAreCheckedAndAStatementNeedsThem() {
        String program = unique("prog-noterms");
        prepare(program, null).statusCode(409);
        Map<String, Object> bad = new java.util.HashMap<>(terms());
        bad.put("timeZone", "Mars/Olympus");
        bad.put("method", "HIGH_4_OF_5");
        bad.put("methodParameters", Map.of("lookbak-days", "60"));
        bad.put("ownerShare", new BigDecimal("1.5"));
        String reason = as("ada").contentType(ContentType.JSON).body(bad).post("/api/programs/" + program + "/terms")
                .then().statusCode(400).extract().jsonPath().getString("detail");
        assertThat(reason).contains("Mars/Olympus").contains("lookbak-days").contains("ownerShare");
        as("bill").contentType(ContentType.JSON).body(terms()).post("/api/programs/" + program + "/terms").then()
                .statusCode(403);
        as("bill").get("/api/programs/" + program + "/terms").then().statusCode(404);
        storeTerms(program);
        storeTerms(program);
        assertThat(as("bill").get("/api/programs/" + program + "/terms").then().statusCode(200).extract().jsonPath()
                .getInt("version")).isEqualTo(2);
        as("bill").get("/api/statements/not-a-uuid").then().statusCode(400);
        as("bill").get("/api/statements/" + UUID.randomUUID()).then().statusCode(404);
        String nul = as("bill").pathParam("site", "bad\u0000id")
                .get("/api/sites/{site}/intervals?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z").then()
                .statusCode(400).extract().jsonPath().getString("detail");
        assertThat(nul).contains("control character");
    }

    private static Map<String, Object> terms() {
        return SettlementFixtures.statementTerms(Map.of());
    }

    private static void storeTerms(String program) {
        storeTerms(program, Map.of());
    }

    private static void storeTerms(String program, Map<String, Object> changes) {
        as("ada").contentType(ContentType.JSON).body(SettlementFixtures.statementTerms(changes))
                .post("/api/programs/" + program + "/terms")
                .then().statusCode(201);
    }

    private static io.restassured.response.ValidatableResponse prepare(String program, String reason) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("program", program, "periodStart", "2026-04-01",
                "periodEnd", "2026-05-01"));
        if (reason != null) {
            body.put("reason", reason);
        }
        return as("ada").contentType(ContentType.JSON).body(body).post("/api/statements").then();
    }

    private static io.restassured.response.ValidatableResponse reject(String user, String id, String reason) {
        return as(user).contentType(ContentType.JSON).body(Map.of("reason", reason))
                .post("/api/statements/" + id + "/reject").then();
    }

    private static Map<String, Object> line(JsonPath statement, String eventId, String siteId) {
        List<Map<String, Object>> lines = statement.getList("lines");
        return lines.stream().filter(l -> eventId.equals(l.get("eventId")) && siteId.equals(l.get("siteId")))
                .findFirst().orElseThrow(() -> new AssertionError("no line for " + eventId + " at " + siteId));
    }

    private static void minutes(List<Object> messages, String siteId, int fromMinute, int count, String kwh) {
        for (int i = 0; i < count; i++) {
            messages.add(telemetry(siteId, T.plusSeconds(60L * (fromMinute + i)), 60, kwh));
        }
    }

    private void assertRefused(String sql, UUID id, String reason) {
        assertThatThrownBy(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, id);
                statement.executeUpdate();
            }
        }).hasMessageContaining(reason);
    }
}
