package io.gridflex.settlement.bench;

import static io.gridflex.settlement.SettlementFixtures.as;
import static io.gridflex.settlement.SettlementFixtures.event;
import static io.gridflex.settlement.SettlementFixtures.schedule;
import static io.gridflex.settlement.SettlementFixtures.segment;
import static io.gridflex.settlement.SettlementFixtures.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.gridflex.messages.ScheduleSegment;
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
 * A monthly statement: 100 sites with a month of one-minute metered intervals (4.46 M rows) plus the weeks before it
 * that like-day baselines look back on, ten two-hour events in the second half of the month at every site, a program
 * settled by HIGH_4_OF_5 on 15-minute intervals. Times {@code POST /api/statements} (read every line's inputs, compute,
 * store) and the verification, each several times. The meter data is copied straight into PostgreSQL (setup, not
 * timed); events and schedules arrive over Kafka as in production. Prints its figures; asserts only that every line
 * was computed with a baseline. Tagged {@code benchmark}; run with {@code deploy/local/bench.sh --settlement-statement}.
 * Options: {@code gridflex.bench.sites} (100), {@code gridflex.bench.rounds} (3).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
@Tag("benchmark")
class StatementBenchmark {

    private static final ZoneId ZONE = ZoneId.of("America/Chicago");
    private static final LocalDate MONTH = LocalDate.of(2026, 7, 1);
    /** Meter data from here: the month and the 20 days before it, enough for five like weekdays before each event. */
    private static final LocalDate DATA_FROM = MONTH.minusDays(20);

    @Inject
    DataSource dataSource;

    @Test
    void monthlyStatement() throws Exception {
        int sites = Integer.getInteger("gridflex.bench.sites", 100);
        int rounds = Integer.getInteger("gridflex.bench.rounds", 3);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String program = "bench-prog-" + run;
        List<String> siteIds = new ArrayList<>();
        for (int s = 0; s < sites; s++) {
            siteIds.add("bench-" + run + "-" + s);
        }
        List<LocalDate> eventDays = eventDays();

        long copyStart = System.nanoTime();
        long rows = copyMeterData(siteIds, eventDays);
        double copySeconds = (System.nanoTime() - copyStart) / 1e9;
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute("ANALYZE settlement.meter_interval");
        }
        sendEventsAndSchedules(run, program, siteIds, eventDays);
        await().atMost(Duration.ofMinutes(5)).until(ConsumedTopics::allCaughtUp);
        as("ada").contentType(ContentType.JSON).body(terms()).post("/api/programs/" + program + "/terms").then()
                .statusCode(201);
        print("setup: %,d one-minute intervals of %d sites copied in %.1f s; %d events", rows, sites, copySeconds,
                eventDays.size());

        for (int round = 1; round <= rounds; round++) {
            Map<String, Object> body = Map.of("program", program, "periodStart", MONTH.toString(), "periodEnd",
                    MONTH.plusMonths(1).toString(), "reason", "benchmark round " + round);
            long start = System.nanoTime();
            JsonPath statement = as("ada").contentType(ContentType.JSON).body(body).post("/api/statements").then()
                    .statusCode(201).extract().jsonPath();
            double prepare = (System.nanoTime() - start) / 1e9;
            String id = statement.getString("statementId");
            List<String> statuses = statement.getList("lines.status");
            assertThat(statuses).hasSize(sites * eventDays.size()).containsOnly("COMPLETE");
            start = System.nanoTime();
            boolean reproduced = as("audrey").get("/api/statements/" + id + "/verification").then().statusCode(200)
                    .extract().jsonPath().getBoolean("reproduced");
            double verify = (System.nanoTime() - start) / 1e9;
            assertThat(reproduced).isTrue();
            print("round %d: statement of %,d lines (net %s) prepared and stored in %.2f s; verified in %.2f s",
                    round, statuses.size(), statement.getString("net"), prepare, verify);
        }
    }

    /** Ten weekdays from the 15th. */
    private static List<LocalDate> eventDays() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = MONTH.withDayOfMonth(15); days.size() < 10; day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(day);
            }
        }
        return days;
    }

    /** A site draws 2 MW ± 10 % minute by minute, 1.5 MW during its events. */
    private long copyMeterData(List<String> siteIds, List<LocalDate> eventDays) throws Exception {
        Instant from = DATA_FROM.atStartOfDay(ZONE).toInstant();
        Instant to = MONTH.plusMonths(1).atStartOfDay(ZONE).toInstant();
        Random random = new Random(7);
        long rows = 0;
        try (Connection connection = dataSource.getConnection()) {
            for (String site : siteIds) {
                CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY settlement.meter_interval (site_id, interval_start, interval_end, average_kw, "
                                + "energy_kwh, received_at, source, coverage) FROM STDIN (FORMAT csv)");
                StringBuilder chunk = new StringBuilder(1 << 20);
                for (Instant at = from; at.isBefore(to); at = at.plusSeconds(60)) {
                    int kw = 1800 + random.nextInt(400);
                    if (inEvent(at, eventDays)) {
                        kw -= 500;
                    }
                    chunk.append(site).append(',').append(at).append(',').append(at.plusSeconds(60)).append(',')
                            .append(kw).append(',').append(BigDecimal.valueOf(kw).divide(BigDecimal.valueOf(60), 6,
                                    RoundingMode.HALF_EVEN).toPlainString())
                            .append(",2026-08-01T00:00:00Z,METER,1\n");
                    rows++;
                    if (chunk.length() > (1 << 20) - 200) {
                        write(copy, chunk);
                    }
                }
                write(copy, chunk);
                copy.endCopy();
            }
        }
        return rows;
    }

    private static void write(CopyIn copy, StringBuilder chunk) throws Exception {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    private static boolean inEvent(Instant at, List<LocalDate> eventDays) {
        var local = at.atZone(ZONE);
        return eventDays.contains(local.toLocalDate()) && local.getHour() >= 14 && local.getHour() < 16;
    }

    private static void sendEventsAndSchedules(String run, String program, List<String> siteIds,
            List<LocalDate> eventDays) {
        List<ScheduleSegment> segments = new ArrayList<>();
        for (int i = 0; i < eventDays.size(); i++) {
            String eventId = "bench-vtn-" + run + "/e" + i;
            Instant start = eventDays.get(i).atTime(14, 0).atZone(ZONE).toInstant();
            Instant end = start.plus(Duration.ofHours(2));
            SettlementFixtures.send(event(eventId, 0, start, end, program));
            segments.add(segment(start, end, share(eventId, 500)));
        }
        Instant issued = MONTH.atStartOfDay(ZONE).toInstant();
        for (String site : siteIds) {
            SettlementFixtures.send(schedule(site, 1, issued, segments.toArray(ScheduleSegment[]::new)));
        }
    }

    private static Map<String, Object> terms() {
        return Map.ofEntries(Map.entry("timeZone", ZONE.getId()), Map.entry("intervalMinutes", 15),
                Map.entry("minimumCoverage", new BigDecimal("0.9")), Map.entry("method", "HIGH_4_OF_5"),
                Map.entry("nercHolidays", true), Map.entry("floorIntervals", true),
                Map.entry("floorEventTotal", true), Map.entry("averaging", "MEAN"), Map.entry("currency", "USD"),
                Map.entry("energyPricePerMwh", new BigDecimal("42.17")),
                Map.entry("capacityRatePerMw", new BigDecimal("150.00")),
                Map.entry("netConePerMwDay", new BigDecimal("280.00")), Map.entry("assessmentHours", 30),
                Map.entry("ownerShare", new BigDecimal("0.65")));
    }

    private static void print(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}
