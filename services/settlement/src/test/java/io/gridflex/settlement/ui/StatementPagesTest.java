package io.gridflex.settlement.ui;

import static io.gridflex.settlement.SettlementFixtures.as;
import static io.gridflex.settlement.SettlementFixtures.event;
import static io.gridflex.settlement.SettlementFixtures.schedule;
import static io.gridflex.settlement.SettlementFixtures.segment;
import static io.gridflex.settlement.SettlementFixtures.share;
import static io.gridflex.settlement.SettlementFixtures.telemetry;
import static io.gridflex.settlement.SettlementFixtures.unique;
import static io.gridflex.settlement.ui.Browsers.click;
import static io.gridflex.settlement.ui.Browsers.screenshot;
import static io.gridflex.settlement.ui.Browsers.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.gridflex.settlement.ConsumedTopics;
import io.gridflex.settlement.SettlementFixtures;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The statement pages in a real headless Chromium, logged in through the real Keycloak login form: a viewer reads a
 * statement and downloads its CSV (the same figures as the API) but may not review it; the admin who prepared it is
 * refused by four-eyes, and a forged form by its token; a second admin reviews and approves it. Screenshots of the
 * pages land in {@code target/ui-screenshots}.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class StatementPagesTest {

    private static final Instant T = Instant.parse("2026-05-12T15:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TestHTTPResource("/")
    URL base;

    private Browsers browsers;

    @BeforeEach
    void browsers() {
        browsers = new Browsers(base);
    }

    @AfterEach
    void closeBrowsers() {
        browsers.close();
    }

    @Test
    void billingStaffReadReviewAndApproveAStatementInTheBrowserWithinTheirRoles() throws Exception {
        String program = unique("prog-ui");
        String site = unique("site-ui");
        String eventId = unique("vtn-ui") + "/e1";
        as("ada").contentType(ContentType.JSON).body(SettlementFixtures.statementTerms(Map.of()))
                .post("/api/programs/" + program + "/terms").then().statusCode(201);
        // 600 kW for the five minutes before T, then 510 kW for ten minutes of a 100 kW event.
        SettlementFixtures.send(event(eventId, 0, T, T.plusSeconds(600), program));
        SettlementFixtures.send(schedule(site, 1, T.minusSeconds(3600),
                segment(T, T.plusSeconds(600), share(eventId, 100))));
        for (int minute = -5; minute < 10; minute++) {
            SettlementFixtures.send(telemetry(site, T.plusSeconds(60L * minute), 60, minute < 0 ? "10" : "8.5"));
        }
        await().atMost(PATIENCE).until(ConsumedTopics::allCaughtUp);
        JsonPath prepared = as("ada").contentType(ContentType.JSON)
                .body(Map.of("program", program, "periodStart", "2026-05-01", "periodEnd", "2026-06-01"))
                .post("/api/statements").then().statusCode(201).extract().jsonPath();
        String id = prepared.getString("statementId");
        String net = prepared.getString("net");
        String lineNet = prepared.getString("lines[0].net");
        assertThat(new BigDecimal(lineNet)).isPositive();

        // A viewer: sees the statement and its line with the API's figures, downloads the CSV, may not review.
        WebDriver bill = browsers.logIn("bill");
        browsers.open(bill, "/ui/statements?program=" + program);
        WebElement row = bill.findElement(By.cssSelector("tr[data-statement='" + id + "']"));
        assertThat(row.getText()).contains(program).contains("DRAFT").contains(net + " USD");
        screenshot(bill, "statements");
        click(bill, By.linkText(program));
        assertThat(bill.findElement(By.id("net")).getText()).isEqualTo(net + " USD");
        assertThat(bill.findElement(By.cssSelector("tr[data-site='" + site + "'] td.net")).getText())
                .isEqualTo(lineNet);
        assertThat(bill.findElements(By.id("review"))).isEmpty();
        screenshot(bill, "statement");
        String csv = session(bill).get(bill.findElement(By.id("csv")).getAttribute("href")).then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv.lines().skip(1).toList()).singleElement().asString().contains(site).contains(lineNet);
        session(bill).formParam("csrf", "anything").post("/ui/statements/" + id + "/review").then().statusCode(403);

        // The site: what the statement pays its owner.
        click(bill, By.linkText(site));
        assertThat(bill.findElement(By.cssSelector("#payouts tr[data-statement='" + id + "'] td.owner")).getText())
                .isEqualTo(prepared.getString("lines[0].owner") + " USD");
        assertThat(bill.findElement(By.id("share")).getText()).contains("program's default");

        // The event: listed under its program; its page shows the line's figures and baseline against actual kW.
        browsers.open(bill, "/ui/events?program=" + program);
        assertThat(bill.findElements(By.cssSelector("#events tbody tr"))).singleElement()
                .satisfies(r -> assertThat(r.getText()).contains(eventId).contains(program));
        click(bill, By.linkText(eventId));
        screenshot(bill, "event");
        assertThat(bill.findElement(By.id("delivered")).getText())
                .startsWith(prepared.getString("lines[0].deliveredMwh") + " MWh");
        assertThat(bill.findElement(By.id("factor")).getText()).startsWith(prepared.getString("lines[0].factor"));
        assertThat(bill.findElement(By.cssSelector("#program-chart path.actual")).getAttribute("d")).startsWith("M");
        List<WebElement> points = bill.findElements(By.cssSelector("#program-chart table.points tbody tr"));
        assertThat(points).hasSize(10).allSatisfy(point -> assertThat(point.getAttribute("textContent"))
                .contains("600.000").contains("510.000"));
        click(bill, By.cssSelector("tr[data-site='" + site + "'] a"));
        assertThat(bill.findElement(By.id("site-chart-title")).getText()).endsWith(site);
        click(bill, By.id("logout"));
        new WebDriverWait(bill, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/signed-out"));
        browsers.open(bill, "/ui/statements");
        assertThat(bill.findElements(By.id("username"))).as("logged out: back at the login form").isNotEmpty();

        // The admin who prepared it: refused by four-eyes, and a form whose token was tampered with is refused.
        WebDriver ada = browsers.logIn("ada");
        browsers.open(ada, "/ui/statements/" + id);
        click(ada, By.id("review"));
        assertThat(ada.findElement(By.id("error")).getText()).contains("ada prepared statement")
                .contains("may not also mark it REVIEWED");
        ((JavascriptExecutor) ada).executeScript(
                "document.querySelector('input[name=csrf]').value = 'forged-elsewhere'");
        click(ada, By.id("review"));
        assertThat(ada.findElement(By.id("error")).getText()).contains("security token");
        assertThat(as("ada").get("/api/statements/" + id).then().extract().jsonPath().getString("status"))
                .isEqualTo("DRAFT");

        // A second admin reviews and approves it.
        WebDriver bea = browsers.logIn("bea");
        browsers.open(bea, "/ui/statements/" + id);
        click(bea, By.id("review"));
        assertThat(bea.findElement(By.id("status")).getText()).isEqualTo("REVIEWED");
        assertThat(bea.findElement(By.id("reviewed")).getText()).startsWith("bea");
        click(bea, By.id("approve"));
        assertThat(bea.findElement(By.id("status")).getText()).isEqualTo("APPROVED");
        assertThat(bea.findElements(By.id("approve"))).isEmpty();
        screenshot(bea, "statement-approved");
        JsonPath approved = as("audrey").get("/api/statements/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(approved.getString("status")).isEqualTo("APPROVED");
        assertThat(approved.getString("reviewedBy")).isEqualTo("bea");
        assertThat(approved.getString("approvedBy")).isEqualTo("bea");

        // The utility pays 12 cents less for the line and one line we never had: both show.
        Path utilityFile = Files.createTempFile("utility-", ".csv");
        Files.writeString(utilityFile, "event_id,site_id,amount\n" + eventId + "," + site + ","
                + new BigDecimal(lineNet).subtract(new BigDecimal("0.12")).toPlainString() + "\n" + eventId
                + ",site-elsewhere,10.00\n");
        browsers.open(bea, "/ui/statements/" + id);
        click(bea, By.id("reconciliations"));
        bea.findElement(By.id("file")).sendKeys(utilityFile.toAbsolutePath().toString());
        click(bea, By.id("import"));
        assertThat(bea.findElement(By.id("shown-summary")).getText()).startsWith("2 difference(s) in 2 line(s)");
        assertThat(bea.findElement(By.cssSelector("#lines tr[data-site='" + site + "'] td.amount-delta")).getText())
                .isEqualTo("-0.12");
        assertThat(bea.findElement(By.cssSelector("#lines tr[data-site='site-elsewhere'] td.outcome")).getText())
                .isEqualTo("ONLY_UTILITY");
        screenshot(bea, "reconciliation");

        // An auditor reads the statement's audit trail and may not correct it.
        WebDriver audrey = browsers.logIn("audrey");
        browsers.open(audrey, "/ui/statements/" + id);
        assertThat(audrey.findElements(By.id("review"))).isEmpty();
        click(audrey, By.id("audit"));
        assertThat(audrey.findElements(By.cssSelector("#audit-log tbody tr")))
                .extracting(entry -> entry.getText().replaceAll("\\s+", " "))
                .anySatisfy(entry -> assertThat(entry).contains("ada statement.prepare"))
                .anySatisfy(entry -> assertThat(entry).contains("bea statement.reviewed"))
                .anySatisfy(entry -> assertThat(entry).contains("bea statement.approved"))
                .anySatisfy(entry -> assertThat(entry).contains("bea statement.reconcile"));
        screenshot(audrey, "audit");
        browsers.open(audrey, "/ui/statements/" + id + "/versions");
        assertThat(audrey.findElements(By.id("correct"))).isEmpty();
        browsers.open(audrey, "/ui/statements/" + id + "/reconciliations");
        assertThat(audrey.findElements(By.cssSelector("#imports tbody tr"))).hasSize(1);
        assertThat(audrey.findElements(By.id("import"))).isEmpty();

        // The utility's meter shows minute 3 drew 540 kW, not 510: a correction with its reason, side by side.
        as("ada").contentType("text/csv").body("interval_start,interval_end,energy_kwh\n" + T.plusSeconds(180) + ","
                + T.plusSeconds(240) + ",9\n").post("/api/sites/" + site + "/meter-readings").then().statusCode(201);
        browsers.open(ada, "/ui/statements/" + id);
        click(ada, By.id("versions"));
        ada.findElement(By.id("reason")).sendKeys("revenue meter data for minute 3");
        click(ada, By.id("correct"));
        assertThat(ada.getTitle()).contains(" v2 ");
        assertThat(ada.findElement(By.id("status")).getText()).isEqualTo("DRAFT");
        click(ada, By.id("versions"));
        assertThat(ada.findElement(By.id("diff-summary")).getText()).startsWith("1 of 1 lines differ");
        WebElement changed = ada.findElement(By.cssSelector("#diff tr[data-site='" + site + "']"));
        assertThat(changed.getAttribute("class")).isEqualTo("changed");
        JsonPath correction = as("ada").get("/api/statements?program=" + program).then().statusCode(200).extract()
                .jsonPath();
        assertThat(correction.getList("version")).containsExactly(2, 1);
        assertThat(correction.getString("[0].reason")).isEqualTo("revenue meter data for minute 3");
        assertThat(changed.findElement(By.cssSelector("td.delta")).getText()).isEqualTo(
                signed(new BigDecimal(correction.getString("[0].net")).subtract(new BigDecimal(net))));
        screenshot(ada, "versions");
    }

    private static String signed(BigDecimal value) {
        return (value.signum() > 0 ? "+" : "") + value.toPlainString();
    }
}
