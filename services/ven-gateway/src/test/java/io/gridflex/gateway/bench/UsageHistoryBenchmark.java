package io.gridflex.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.gridflex.gateway.history.SiteInterval;
import io.gridflex.gateway.history.StoredBucket;
import io.gridflex.gateway.history.UsageHistory;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The usage history at fleet scale, on the gateway's real PostgreSQL: {@code gridflex.bench.sites} (1,000) sites each
 * report a 2-second interval every round, and each round is one write (one transaction), as the history's writer
 * does every second; then {@code gridflex.bench.rounds} (1,800: an hour) rounds are read back whole, as a
 * HISTORY_USAGE report of every site over that hour reads them. Prints the write and read times and asserts only
 * that the energy read back is the energy written. Tagged {@code benchmark}, left out of the normal build: run with
 * {@code ./mvnw -pl services/ven-gateway test -Dgroups=benchmark -DexcludedGroups=none -Dtest=UsageHistoryBenchmark}.
 * The test profile's buckets are 2 s long; the benchmark's profile sets the production 5 minutes.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(UsageHistoryBenchmark.ProductionBuckets.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(BenchVtn.class)
class UsageHistoryBenchmark {

    private static final int SITES = Integer.getInteger("gridflex.bench.sites", 1000);
    private static final int WARM_UP = Integer.getInteger("gridflex.bench.warm-up", 100);
    private static final int ROUNDS = Integer.getInteger("gridflex.bench.rounds", 1800);
    private static final int READS = Integer.getInteger("gridflex.bench.reads", 20);
    private static final double KWH = 0.25;

    /** The production bucket (5 minutes) instead of the test profile's 2 seconds. */
    public static class ProductionBuckets implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridflex.gateway.reports.history.bucket", "5m");
        }
    }

    @Inject
    UsageHistory history;

    @Inject
    DataSource dataSource;

    @Test
    void aFleetsTelemetryIsWrittenEverySecondAndAnHourOfItReadBack() throws SQLException {
        List<String> sites = IntStream.range(0, SITES).mapToObj(i -> "hbench-%04d".formatted(i)).toList();
        Instant warmUpStart = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        Instant start = warmUpStart.plus(Duration.ofHours(1));
        try {
            for (int round = 0; round < WARM_UP; round++) {
                history.write(round(sites, warmUpStart.plusSeconds(2L * round)));
            }
            List<Long> writes = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                List<SiteInterval> intervals = round(sites, start.plusSeconds(2L * round));
                long began = System.nanoTime();
                history.write(intervals);
                writes.add((System.nanoTime() - began) / 1000);
            }
            Instant end = start.plusSeconds(2L * ROUNDS);
            List<Long> reads = new ArrayList<>();
            List<StoredBucket> buckets = List.of();
            for (int read = 0; read < READS; read++) {
                long began = System.nanoTime();
                buckets = history.read(sites, start, end);
                reads.add((System.nanoTime() - began) / 1000);
            }
            System.out.printf(Locale.ROOT, "[bench] %d sites, %d rounds of one 2 s interval each (%d intervals)%n",
                    SITES, ROUNDS, (long) SITES * ROUNDS);
            System.out.printf(Locale.ROOT, "[bench] one round's write (one transaction): %s%n", Percentiles.of(writes));
            System.out.printf(Locale.ROOT, "[bench] reading it all back (%d buckets): %s%n", buckets.size(),
                    Percentiles.of(reads));
            double read = buckets.stream().mapToDouble(StoredBucket::energyKwh).sum();
            assertThat(read).isCloseTo(SITES * ROUNDS * KWH, Offset.offset(1e-6 * SITES
                    * ROUNDS));
        } finally {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement delete = connection
                            .prepareStatement("DELETE FROM gateway.site_energy WHERE site_id LIKE 'hbench-%'")) {
                delete.executeUpdate();
            }
        }
    }

    private static List<SiteInterval> round(List<String> sites, Instant from) {
        return sites.stream().map(site -> new SiteInterval(site, from, from.plusSeconds(2), KWH)).toList();
    }
}
