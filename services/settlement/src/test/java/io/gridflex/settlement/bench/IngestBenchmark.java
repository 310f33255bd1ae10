package io.gridflex.settlement.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.messages.Topics;
import io.gridflex.settlement.meter.IntakeMetrics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Telemetry ingest from Kafka into PostgreSQL, sustained, through the whole service (batch consumer, schema-checking
 * codec, intake rules, COPY, overlap query, insert into the monthly partition), against a raw {@code COPY} of the same
 * rows into a plain copy of the table in the same run. Prints its figures; asserts only that every reading was stored
 * once. Tagged {@code benchmark}, left out of the build; run it with {@code deploy/local/bench.sh --settlement-ingest}
 * or
 * <pre>
 * ./mvnw -B -pl services/settlement test -Dgroups=benchmark -DexcludedGroups=none -Dtest=IngestBenchmark
 * </pre>
 * Options: {@code gridflex.bench.sites} (1000), {@code gridflex.bench.readings} (500000, 10 s intervals).
 * <p>
 * The readings are produced as fast as the producer can while settlement consumes them; the sustained rate is taken
 * from the stored-interval counter over the time after the last reading was produced, when settlement is working
 * through its backlog and nothing else limits it.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
@Tag("benchmark")
class IngestBenchmark {

    private static final MessageCodec CODEC = new MessageCodec();

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    @Test
    void ingest() throws Exception {
        int sites = Integer.getInteger("gridflex.bench.sites", 1000);
        int readings = Integer.getInteger("gridflex.bench.readings", 500_000);
        int perSite = readings / sites;
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.parse("2026-06-01T00:00:00Z");
        double before = stored();

        // Each site's own telemetry topic, as onboarding creates it (one partition).
        KafkaTestResource.broker().createTopics(java.util.stream.IntStream.range(0, sites)
                .mapToObj(s -> Topics.siteTelemetry("bench-" + run + "-" + s)).toList(), 1);
        long produceStart = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < perSite; i++) {
                Instant at = start.plusSeconds(10L * i);
                for (int s = 0; s < sites; s++) {
                    String site = "bench-" + run + "-" + s;
                    producer.send(
                            new ProducerRecord<>(Topics.siteTelemetry(site), site, CODEC.encode(reading(site, at))));
                }
            }
            producer.flush();
        }
        long produced = System.nanoTime();
        double atProduced = stored();
        int total = perSite * sites;
        while (stored() - before < total) {
            Thread.sleep(50);
        }
        long done = System.nanoTime();
        double backlog = total - (atProduced - before);
        double produceSeconds = (produced - produceStart) / 1e9;
        double drainSeconds = (done - produced) / 1e9;
        double overall = total / ((done - produceStart) / 1e9);
        double sustained = backlog / drainSeconds;

        double copyRate = rawCopy(run, sites, perSite, start);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT COUNT(*) FROM settlement.meter_interval WHERE site_id LIKE ?")) {
            count.setString(1, "bench-" + run + "-%");
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(total);
            }
        }
        print("readings %,d (%,d sites x %,d intervals of 10 s)", total, sites, perSite);
        print("produced in %.1f s (%,.0f/s); settlement had stored %,.0f of them by then", produceSeconds,
                total / produceSeconds, atProduced - before);
        print("backlog of %,.0f stored in %.1f s: sustained ingest %,.0f readings/s", backlog, drainSeconds,
                sustained);
        print("overall, first produced to last stored: %,.0f readings/s", overall);
        for (String step : new String[]{"decode", "store"}) {
            var timer = registry.find(IntakeMetrics.BATCH).tag("step", step).timer();
            print("%s: %,d batches, %.1f s in all, %.1f ms mean per batch", step, timer.count(),
                    timer.totalTime(TimeUnit.SECONDS), timer.mean(TimeUnit.MILLISECONDS));
        }
        print("raw COPY of the same rows into a plain copy of the table: %,.0f rows/s; ingest / COPY = %.2f",
                copyRate, sustained / copyRate);
    }

    /** COPY of the same rows (other site ids) into an unpartitioned table with the same columns and key. */
    private double rawCopy(String run, int sites, int perSite, Instant start) throws Exception {
        StringBuilder csv = new StringBuilder(sites * perSite * 120);
        for (int i = 0; i < perSite; i++) {
            Instant at = start.plusSeconds(10L * i);
            for (int s = 0; s < sites; s++) {
                csv.append("copy-").append(run).append('-').append(s).append(',').append(at).append(',')
                        .append(at.plusSeconds(10)).append(",3600.000000,10.000000,").append(Instant.now())
                        .append(",7,METER,1.000000\n");
            }
        }
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS settlement.bench_copy");
            sql.execute("CREATE TABLE settlement.bench_copy (site_id VARCHAR(256) NOT NULL, interval_start "
                    + "TIMESTAMPTZ NOT NULL, interval_end TIMESTAMPTZ NOT NULL, average_kw NUMERIC(18, 6) NOT NULL, "
                    + "energy_kwh NUMERIC(18, 6) NOT NULL, received_at TIMESTAMPTZ NOT NULL, schedule_revision "
                    + "BIGINT, source VARCHAR(8), coverage NUMERIC(7, 6), PRIMARY KEY (site_id, interval_start))");
            long copyStart = System.nanoTime();
            long rows = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY settlement.bench_copy FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
            double seconds = (System.nanoTime() - copyStart) / 1e9;
            sql.execute("DROP TABLE settlement.bench_copy");
            return rows / seconds;
        }
    }

    private static SiteTelemetry reading(String site, Instant at) {
        return new SiteTelemetry(site, at, at.plusSeconds(10), 3600.0, 10.0, 3600.0, null, 1000, 0, 0, 5000,
                new SiteTelemetry.MinerCounts(100, 100, 0, 0, 0), 100000.0, 30.0, 7L, SiteTelemetry.Source.METER,
                1.0);
    }

    private static KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.putAll(KafkaTestResource.adminConfig());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private double stored() {
        var counter = registry.find(IntakeMetrics.STORED).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void print(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}
