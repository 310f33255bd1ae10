package io.gridflex.settlement.ui;

import static io.gridflex.settlement.SettlementFixtures.as;
import static io.gridflex.settlement.SettlementFixtures.unique;
import static io.gridflex.settlement.ui.Browsers.click;
import static io.gridflex.settlement.ui.Browsers.screenshot;
import static io.gridflex.settlement.ui.Browsers.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.gridflex.settlement.SettlementFixtures;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every page for every role in a real headless Chromium: what each role may open and do, the page that refuses the
 * rest, rejection with its reason, and a program's 130 statements sorted and paged, its times in the program's zone.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class PagesByRoleTest {

    private static final int STATEMENTS = 130;

    @TestHTTPResource("/")
    URL base;

    @Inject
    DataSource dataSource;

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
    void eachRoleOpensAndDoesWhatItMayAndIsShownWhyWhenRefused() throws Exception {
        String program = seed();
        String id = statementIds(program).getFirst();
        String statement = "/ui/statements/" + id;
        List<String> readable = List.of("/ui/statements?program=" + program, statement, statement + "/versions",
                statement + "/reconciliations", "/ui/events", "/ui/sites");
        List<String> forms = List.of("review", "reject", "correct", "import");

        WebDriver olivia = browsers.logIn("olivia");
        assertThat(olivia.findElement(By.id("title")).getText()).isEqualTo("Not allowed");
        assertThat(olivia.findElement(By.cssSelector(".roles")).getText()).doesNotContain("billing");
        for (String path : concat(readable, "/ui/audit")) {
            browsers.open(olivia, path);
            assertThat(olivia.findElement(By.id("title")).getText()).as(path).isEqualTo("Not allowed");
        }
        screenshot(olivia, "not-allowed");

        WebDriver bill = browsers.logIn("bill");
        for (String path : readable) {
            browsers.open(bill, path);
            assertThat(bill.findElements(By.id("error"))).as(path).isEmpty();
            assertThat(bill.findElement(By.id("user")).getText()).as(path).isEqualTo("bill");
            forms.forEach(form -> assertThat(bill.findElements(By.id(form))).as(path + " #" + form).isEmpty());
        }
        browsers.open(bill, "/ui/audit");
        assertThat(bill.findElement(By.id("title")).getText()).isEqualTo("Not allowed");
        session(bill).formParam("csrf", "x").formParam("reason", "no").post(statement + "/reject").then()
                .statusCode(403);

        WebDriver audrey = browsers.logIn("audrey");
        for (String path : concat(readable, "/ui/audit")) {
            browsers.open(audrey, path);
            assertThat(audrey.findElements(By.id("error"))).as(path).isEmpty();
            assertThat(audrey.findElement(By.id("user")).getText()).as(path).isEqualTo("audrey");
            forms.forEach(form -> assertThat(audrey.findElements(By.id(form))).as(path + " #" + form).isEmpty());
        }

        // Wrong addresses and queries are pages that say what was wrong.
        browsers.open(bill, "/ui/statements/" + UUID.randomUUID());
        assertThat(bill.findElement(By.id("title")).getText()).isEqualTo("Not found");
        browsers.open(bill, "/ui/nowhere");
        assertThat(bill.findElement(By.id("error")).getText()).contains("/ui/nowhere");
        browsers.open(bill, "/ui/statements?sort=secret");
        assertThat(bill.findElement(By.id("error")).getText()).contains("cannot sort by 'secret'");
        screenshot(bill, "not-understood");

        // An admin sees every form of a draft someone else prepared, and rejects it with the reason.
        WebDriver ada = browsers.logIn("ada");
        browsers.open(ada, statement);
        assertThat(ada.findElements(By.id("review"))).hasSize(1);
        session(ada).formParam("csrf", ada.findElement(By.name("csrf")).getAttribute("value"))
                .header("Origin", base.toString().replaceAll("/$", "")).formParam("reason", " ")
                .post(statement + "/reject").then().statusCode(400);
        ada.findElement(By.id("reason")).sendKeys("the March meter file was the wrong site's");
        click(ada, By.id("reject"));
        assertThat(ada.findElement(By.id("status")).getText()).isEqualTo("REJECTED");
        assertThat(ada.findElement(By.id("rejected")).getText()).startsWith("ada, ")
                .contains("the March meter file was the wrong site's");
        forms.forEach(form -> assertThat(ada.findElements(By.id(form))).as("#" + form).isEmpty());
        screenshot(ada, "statement-rejected");
        assertThat(as("audrey").get("/api/statements/" + id).then().statusCode(200).extract().jsonPath()
                .getString("rejection.reason")).isEqualTo("the March meter file was the wrong site's");
    }

    @Test
    void aProgramsStatementsAreSortedAndPagedAndTheirTimesAreTheProgramsLocalTime() throws Exception {
        String program = seed();
        WebDriver bill = browsers.logIn("bill");
        browsers.open(bill, "/ui/statements?program=" + program);
        assertThat(bill.findElement(By.id("statements-rows")).getText()).isEqualTo("Rows 1–50 of " + STATEMENTS);
        assertThat(rows(bill)).hasSize(50);
        WebElement prepared = bill.findElement(By.cssSelector("#statements tbody tr time"));
        assertThat(prepared.getAttribute("title")).endsWith("Z");
        assertThat(prepared.getText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d C[DS]T");

        click(bill, By.linkText("Net"));
        assertThat(bill.findElement(By.cssSelector("th[aria-sort=ascending]")).getText()).startsWith("Net");
        List<BigDecimal> first = nets(bill);
        assertThat(first).isSortedAccordingTo(Comparator.naturalOrder()).first().isEqualTo(extreme(program, "min"));
        click(bill, By.id("statements-next"));
        assertThat(bill.findElement(By.id("statements-rows")).getText()).isEqualTo("Rows 51–100 of " + STATEMENTS);
        assertThat(nets(bill).getFirst()).isGreaterThanOrEqualTo(first.getLast());
        click(bill, By.id("statements-last"));
        assertThat(bill.findElement(By.id("statements-rows")).getText())
                .isEqualTo("Rows 101–" + STATEMENTS + " of " + STATEMENTS);
        assertThat(nets(bill).getLast()).isEqualTo(extreme(program, "max"));
        click(bill, By.linkText("Net"));
        assertThat(bill.findElement(By.cssSelector("th[aria-sort=descending]")).getText()).startsWith("Net");
        assertThat(nets(bill)).isSortedAccordingTo(Comparator.reverseOrder()).first()
                .isEqualTo(extreme(program, "max"));
        screenshot(bill, "statements-sorted");

        // Filtered by status, every row on one page; each sort link says what it does.
        browsers.open(bill, "/ui/statements?program=" + program + "&status=REVIEWED&size=200");
        assertThat(rows(bill)).hasSize(STATEMENTS / 10)
                .allSatisfy(row -> assertThat(row.getText()).contains("REVIEWED"));
        assertThat(bill.findElement(By.cssSelector("th[aria-sort] a")).getAttribute("aria-label")).contains("sort");
        browsers.open(bill, "/ui/statements?program=" + program + "&status=APPROVED");
        assertThat(bill.findElement(By.cssSelector("p.empty")).getText()).contains("No statement matches");

        // A statement's lines sort too: by net, the largest first.
        String withLines = statementIds(program).getFirst();
        browsers.open(bill, "/ui/statements/" + withLines + "?sort=net&dir=desc");
        List<BigDecimal> lineNets = bill.findElements(By.cssSelector("#lines td.net")).stream()
                .map(cell -> new BigDecimal(cell.getText())).toList();
        assertThat(lineNets).hasSize(3).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(bill.findElement(By.id("lines-rows")).getText()).isEqualTo("Rows 1–3 of 3");
    }

    /** A program with terms in Chicago and its statements, one a month, every tenth reviewed; the first has 3 lines. */
    private String seed() throws Exception {
        String program = unique("prog-pages");
        as("ada").contentType(ContentType.JSON)
                .body(SettlementFixtures.statementTerms(Map.of("timeZone", "America/Chicago")))
                .post("/api/programs/" + program + "/terms").then().statusCode(201);
        SeededStatements.insert(dataSource, program, STATEMENTS, 3);
        return program;
    }

    /** The program's statements, newest period first. */
    private List<String> statementIds(String program) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT statement_id FROM "
                        + "settlement.statement WHERE program = ? ORDER BY period_start DESC")) {
            statement.setString(1, program);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    private BigDecimal extreme(String program, String function) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT " + function + "(net) FROM settlement.statement WHERE program = ?")) {
            statement.setString(1, program);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBigDecimal(1);
            }
        }
    }

    private static List<WebElement> rows(WebDriver browser) {
        return browser.findElements(By.cssSelector("#statements tbody tr"));
    }

    /** The nets of the rows shown, without the currency. */
    private static List<BigDecimal> nets(WebDriver browser) {
        return rows(browser).stream()
                .map(row -> new BigDecimal(row.findElements(By.tagName("td")).get(5).getText().split(" ")[0]))
                .toList();
    }

    private static List<String> concat(List<String> paths, String path) {
        List<String> all = new ArrayList<>(paths);
        all.add(path);
        return all;
    }
}
