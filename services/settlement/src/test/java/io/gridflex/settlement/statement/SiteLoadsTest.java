package io.gridflex.settlement.statement;

import static io.gridflex.settlement.SettlementFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gridflex.settlement.baseline.MeteredInterval;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.method.LoadSeries;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** PostgreSQL's settlement intervals are exactly those the Java rule gives for the same metered intervals. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class SiteLoadsTest {

    private static final Instant T = Instant.parse("2026-05-04T10:00:00Z");

    @Inject
    DataSource dataSource;

    @Inject
    SiteLoads loads;

    @Test
    void theDatabaseSumsIntervalsAsTheJavaRuleDoesIncludingThoseThatCrossAnEdge() throws Exception {
        String site = unique("site-loads");
        String other = unique("site-loads");
        // Back-to-back intervals of 7 to 23 s (so many cross a minute's edge), random energy, with gaps.
        Random random = new Random(42);
        List<MeteredInterval> metered = new ArrayList<>();
        Instant at = T;
        while (at.isBefore(T.plusSeconds(1800))) {
            Instant end = at.plusSeconds(7 + random.nextInt(17));
            if (random.nextInt(10) > 0) {
                metered.add(new MeteredInterval(at, end,
                        BigDecimal.valueOf(random.nextInt(1_000_000)).movePointLeft(6)));
            }
            at = end;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO settlement.meter_interval (site_id, interval_start, interval_end, average_kw,
                            energy_kwh, received_at) VALUES (?, ?, ?, 0, ?, now())
                        """)) {
            for (String id : List.of(site, other)) {
                for (MeteredInterval interval : metered) {
                    insert.setString(1, id);
                    insert.setObject(2, OffsetDateTime.ofInstant(interval.start(), ZoneOffset.UTC));
                    insert.setObject(3, OffsetDateTime.ofInstant(interval.end(), ZoneOffset.UTC));
                    insert.setBigDecimal(4, interval.energyKwh());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
        BigDecimal coverage = new BigDecimal("0.8");

        Map<String, LoadSeries> fromDatabase = loads.load(List.of(site, other, unique("site-none")),
                new TimeWindow(T, T.plusSeconds(1800)), Duration.ofMinutes(1), coverage,
                BigDecimal.ONE);
        LoadSeries inJava = LoadSeries.fromMetered(Duration.ofMinutes(1), metered, coverage);

        assertThat(inJava.kw()).hasSizeGreaterThan(20);
        for (String id : List.of(site, other)) {
            LoadSeries series = fromDatabase.get(id);
            assertThat(series.kw().keySet()).isEqualTo(inJava.kw().keySet());
            inJava.kw().forEach((start, kw) -> assertThat(series.kw().get(start))
                    .as("%s at %s", id, start).isCloseTo(kw, org.assertj.core.data.Offset.offset(
                            new BigDecimal("0.000000000001"))));
        }
        assertThat(fromDatabase).hasSize(3).allSatisfy((id, series) -> assertThat(series.step())
                .isEqualTo(Duration.ofMinutes(1)));

        // Read through windows, the intervals inside them are the same, those outside are not read at all; an interval
        // running into a window from before it (found by the backward step) counts with its part inside.
        List<TimeWindow> windows = List.of(new TimeWindow(T.plusSeconds(300), T.plusSeconds(540)),
                new TimeWindow(T.plusSeconds(1200), T.plusSeconds(1560)));
        SiteLoads.Loads read = loads.read(Map.of(site, windows), Duration.ofMinutes(1), coverage, BigDecimal.ONE);
        Map<Instant, BigDecimal> expected = new TreeMap<>();
        inJava.kw().forEach((start, kw) -> {
            if (windows.stream().anyMatch(w -> !start.isBefore(w.start()) && start.isBefore(w.end()))) {
                expected.put(start, kw);
            }
        });
        assertThat(expected).hasSizeGreaterThan(6);
        assertThat(read.series().get(site).kw().keySet()).isEqualTo(expected.keySet());
        expected.forEach((start, kw) -> assertThat(read.series().get(site).kw().get(start)).as("%s", start)
                .isCloseTo(kw, org.assertj.core.data.Offset.offset(new BigDecimal("0.000000000001"))));
        assertThat(metered).as("an interval crosses the first window's start")
                .anyMatch(m -> m.start().isBefore(windows.getFirst().start())
                        && m.end().isAfter(windows.getFirst().start()));
    }

    @Test
    void telemetryCoveringTooLittleOfTheSiteIsLeftOutAndFlagged() throws Exception {
        String site = unique("site-coverage");
        // Three quarter hours of 5-minute intervals at 120 kW (10 kWh each). The fifth interval (second quarter) comes
        // from half of the miners: left out, its quarter is metered 10 of 15 minutes, below the 0.9 needed.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO settlement.meter_interval (site_id, interval_start, interval_end, average_kw,
                            energy_kwh, received_at, source, coverage) VALUES (?, ?, ?, 120, 10, now(), ?, ?)
                        """)) {
            for (int i = 0; i < 9; i++) {
                insert.setString(1, site);
                insert.setObject(2, OffsetDateTime.ofInstant(T.plusSeconds(300L * i), ZoneOffset.UTC));
                insert.setObject(3, OffsetDateTime.ofInstant(T.plusSeconds(300L * (i + 1)), ZoneOffset.UTC));
                insert.setString(4, i == 4 ? "MINERS" : "METER");
                insert.setBigDecimal(5, i == 4 ? new BigDecimal("0.5") : BigDecimal.ONE);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        TimeWindow window = new TimeWindow(T, T.plusSeconds(2700));
        Duration quarter = Duration.ofMinutes(15);
        BigDecimal ninety = new BigDecimal("0.9");

        LoadSeries strict = loads.load(List.of(site), window, quarter, ninety, new BigDecimal("0.95")).get(site);
        assertThat(strict.kw().keySet()).containsExactly(T, T.plusSeconds(1800));
        assertThat(strict.kw().values()).allSatisfy(kw -> assertThat(kw).isEqualByComparingTo("120"));
        assertThat(loads.read(List.of(site), window, quarter, ninety, new BigDecimal("0.95")).flagged())
                .containsOnlyKeys(site).extractingByKey(site).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.iterable(Instant.class))
                .containsExactly(T.plusSeconds(900));

        LoadSeries lenient = loads.load(List.of(site), window, quarter, ninety, new BigDecimal("0.5")).get(site);
        assertThat(lenient.kw().keySet()).containsExactly(T, T.plusSeconds(900), T.plusSeconds(1800));
        assertThat(loads.read(List.of(site), window, quarter, ninety, new BigDecimal("0.5")).flagged()).isEmpty();
    }
}
