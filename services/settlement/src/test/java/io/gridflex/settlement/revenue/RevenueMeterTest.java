package io.gridflex.settlement.revenue;

import static io.gridflex.settlement.SettlementFixtures.as;
import static io.gridflex.settlement.SettlementFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.method.LoadSeries;
import io.gridflex.settlement.statement.SiteLoads;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Revenue-meter files: idempotent import, corrections as versions, refusals by line, precedence over telemetry. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class RevenueMeterTest {

    private static final Instant T = Instant.parse("2026-05-05T12:00:00Z");

    @Inject
    DataSource dataSource;

    @Inject
    SiteLoads loads;

    @Test
    void filesAreImportedOnceCorrectedByVersionRefusedByLineAndTakePrecedenceOverTelemetry() throws Exception {
        String site = unique("site-revenue");
        // Telemetry says 400 kW for the whole hour; the revenue meter says 200 kW for the first two quarter hours.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO settlement.meter_interval (site_id, interval_start, interval_end, average_kw,
                            energy_kwh, received_at) VALUES (?, ?, ?, 400, 100, now())
                        """)) {
            for (int quarter = 0; quarter < 4; quarter++) {
                insert.setString(1, site);
                insert.setObject(2, OffsetDateTime.ofInstant(T.plusSeconds(900L * quarter), ZoneOffset.UTC));
                insert.setObject(3, OffsetDateTime.ofInstant(T.plusSeconds(900L * (quarter + 1)), ZoneOffset.UTC));
                insert.executeUpdate();
            }
        }
        String file = "interval_start,interval_end,energy_kwh\n"
                + "2026-05-05T12:00:00Z,2026-05-05T12:15:00Z,50\n"
                + "2026-05-05T07:15:00-05:00,2026-05-05T07:30:00-05:00,50.000\n";

        assertThat(post(site, file).statusCode(201).extract().jsonPath().getInt("added")).isEqualTo(2);
        JsonPath again = post(site, file).statusCode(201).extract().jsonPath();
        assertThat(again.getInt("unchanged")).isEqualTo(2);
        assertThat(again.getInt("added")).isZero();
        JsonPath corrected = post(site, file.replace("07:30:00-05:00,50.000", "07:30:00-05:00,40")).statusCode(201)
                .extract().jsonPath();
        assertThat(corrected.getInt("corrected")).isEqualTo(1);
        assertThat(corrected.getInt("unchanged")).isEqualTo(1);

        assertThat(refusal(site, "interval_start,interval_end,energy_kwh\n"
                + "2026-05-05T12:10:00Z,2026-05-05T12:20:00Z,10\n")).contains("line 2").contains("overlaps");
        assertThat(refusal(site, "interval_start,interval_end,energy_kwh\n2099-01-01T00:00:00Z,"
                + "2099-01-01T00:15:00Z,10\n")).contains("future");
        assertThat(refusal(site, "start,end,kwh\n")).contains("header");
        assertThat(refusal(site, "interval_start,interval_end,energy_kwh\n2026-05-05T13:00:00Z,"
                + "2026-05-05T13:15:00Z,-1\n")).contains("line 2");
        assertThat(as("bill").get("/api/sites/" + site + "/meter-readings/imports").then().statusCode(200).extract()
                .jsonPath().getList("importId")).hasSize(3);

        LoadSeries series = loads.load(List.of(site), new TimeWindow(T, T.plusSeconds(3600)), Duration.ofMinutes(15),
                new BigDecimal("0.9"), new BigDecimal("0.95")).get(site);
        assertThat(series.kw().values()).usingElementComparator(BigDecimal::compareTo).containsExactly(
                new BigDecimal("200"), new BigDecimal("160"), new BigDecimal("400"), new BigDecimal("400"));

        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE settlement.revenue_interval SET energy_kwh = 0 WHERE site_id = ?")) {
            update.setString(1, site);
            assertThatThrownBy(update::executeUpdate).hasMessageContaining("never changed");
        }
    }

    @Test
    void aGreenButtonFileStoresExactlyWhatTheSameIntervalsInCsvStore() {
        String site = unique("site-green");
        String csv = "interval_start,interval_end,energy_kwh\n"
                + "2026-05-05T12:00:00Z,2026-05-05T12:15:00Z,50\n"
                + "2026-05-05T12:15:00Z,2026-05-05T12:30:00Z,40.5\n";
        assertThat(post(site, csv).statusCode(201).extract().jsonPath().getInt("added")).isEqualTo(2);

        long t = T.getEpochSecond();
        String readings = reading(t, "50000") + reading(t + 900, "40500");
        JsonPath same = postXml(site, greenButton(readings)).statusCode(201).extract().jsonPath();
        assertThat(same.getInt("unchanged")).isEqualTo(2);
        assertThat(same.getInt("added")).isZero();
        JsonPath more = postXml(site, greenButton(readings + reading(t + 1800, "41000"))).statusCode(201).extract()
                .jsonPath();
        assertThat(more.getInt("added")).isEqualTo(1);
        assertThat(more.getInt("unchanged")).isEqualTo(2);

        assertThat(postXml(site, greenButton(readings).replace("<uom>72</uom>", "<uom>38</uom>")).statusCode(400)
                .extract().jsonPath().getString("detail")).contains("uom 38");
        assertThat(postXml(site, "<feed><unclosed></feed>").statusCode(400).extract().jsonPath().getString("detail"))
                .contains("not well-formed");
        as("bill").contentType("application/atom+xml").body(greenButton(readings))
                .post("/api/sites/" + site + "/meter-readings").then().statusCode(403);
        assertThat(as("bill").get("/api/sites/" + site + "/meter-readings/imports").then().statusCode(200).extract()
                .jsonPath().getList("importId")).hasSize(3);
    }

    private static String greenButton(String readings) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom">
                  <entry><content>
                    <ReadingType xmlns="http://naesb.org/espi">
                      <accumulationBehaviour>4</accumulationBehaviour><flowDirection>1</flowDirection>
                      <powerOfTenMultiplier>0</powerOfTenMultiplier><uom>72</uom>
                    </ReadingType>
                  </content></entry>
                  <entry><content>
                    <IntervalBlock xmlns="http://naesb.org/espi">
                """ + readings + """
                    </IntervalBlock>
                  </content></entry>
                </feed>
                """;
    }

    private static String reading(long start, String wh) {
        return "<IntervalReading><timePeriod><duration>900</duration><start>" + start + "</start></timePeriod><value>"
                + wh + "</value></IntervalReading>\n";
    }

    private static io.restassured.response.ValidatableResponse postXml(String site, String xml) {
        return as("ada").contentType("application/atom+xml").body(xml).post("/api/sites/" + site + "/meter-readings")
                .then();
    }

    private static io.restassured.response.ValidatableResponse post(String site, String csv) {
        return as("ada").contentType("text/csv").body(csv).post("/api/sites/" + site + "/meter-readings").then();
    }

    private static String refusal(String site, String csv) {
        return post(site, csv).statusCode(400).extract().jsonPath().getString("detail");
    }
}
