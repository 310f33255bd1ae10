package io.gridflex.settlement.ui;

import static io.gridflex.settlement.SettlementFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

import io.gridflex.settlement.SettlementFixtures;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The billing pages with thousands of rows: a program with {@code gridflex.bench.statements} statements (5,000) and
 * a statement with {@code gridflex.bench.lines} lines (5,000), written straight into PostgreSQL. Logged in once through
 * Keycloak in a real Chromium, then times each page over HTTP with the browser's session, {@code gridflex.bench.rounds}
 * times (30): the statements list sorted by net on its last page, filtered by status, one statement's lines sorted by
 * net on a late page and 200 to a page, the site's payouts. Prints server round-trip times and page sizes; asserts
 * only that each page answered 200 with its rows. Tagged {@code benchmark}; run with
 * {@code deploy/local/bench.sh --settlement-pages}.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
@Tag("benchmark")
class PagesBenchmark {

    @TestHTTPResource("/")
    URL base;

    @Inject
    DataSource dataSource;

    @Test
    void pagesWithThousandsOfRows() throws Exception {
        int statements = Integer.getInteger("gridflex.bench.statements", 5000);
        int lines = Integer.getInteger("gridflex.bench.lines", 5000);
        int rounds = Integer.getInteger("gridflex.bench.rounds", 30);
        String program = "bench-pages-" + UUID.randomUUID().toString().substring(0, 8);
        as("ada").contentType(ContentType.JSON)
                .body(SettlementFixtures.statementTerms(Map.of("timeZone", "America/Chicago")))
                .post("/api/programs/" + program + "/terms").then().statusCode(201);
        long seeding = System.nanoTime();
        SeededStatements.insert(dataSource, program, statements, lines);
        System.out.printf(Locale.ROOT, "[bench] pages: seeded %,d statements and a statement of %,d lines in %.1f s%n",
                statements, lines, (System.nanoTime() - seeding) / 1e9);
        String newest = as("bill").queryParam("program", program).queryParam("limit", 1).get("/api/statements")
                .then().statusCode(200).extract().jsonPath().getString("[0].statementId");

        try (Browsers browsers = new Browsers(base)) {
            WebDriver bill = browsers.logIn("bill");
            int lastPage = (statements + 49) / 50;
            time(bill, rounds, "statements list, sorted by net, last page (50 rows)",
                    "/ui/statements?program=" + program + "&sort=net&dir=asc&page=" + lastPage, "<tr data-statement");
            time(bill, rounds, "statements list, REVIEWED only, 200 rows a page",
                    "/ui/statements?program=" + program + "&status=REVIEWED&size=200", "<tr data-statement");
            time(bill, rounds, "every statement (all programs), newest first",
                    "/ui/statements", "<tr data-statement");
            time(bill, rounds, "statement of " + lines + " lines, sorted by net, page 20 (50 rows)",
                    "/ui/statements/" + newest + "?sort=net&dir=desc&page=20", "<tr data-event");
            time(bill, rounds, "statement of " + lines + " lines, 200 rows a page",
                    "/ui/statements/" + newest + "?size=200", "<tr data-event");
            time(bill, rounds, "site page with its payouts", "/ui/sites/site-1", "<tr data-statement");
        }
    }

    private static void time(WebDriver browser, int rounds, String what, String path, String row) {
        List<Double> millis = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < rounds + 3; i++) {
            long start = System.nanoTime();
            Response response = Browsers.session(browser).get(path);
            double elapsed = (System.nanoTime() - start) / 1e6;
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            String body = response.asString();
            assertThat(body).as(path).contains(row);
            bytes = body.length();
            if (i >= 3) {
                millis.add(elapsed);
            }
        }
        Collections.sort(millis);
        System.out.printf(Locale.ROOT, "[bench] pages: %-62s median %6.1f ms, p95 %6.1f ms, max %6.1f ms, %,d chars%n",
                what, millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
                millis.getLast(), bytes);
    }
}
