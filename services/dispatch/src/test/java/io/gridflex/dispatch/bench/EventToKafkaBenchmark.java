package io.gridflex.dispatch.bench;

import static io.gridflex.dispatch.it.TestMessages.reduction;
import static io.gridflex.dispatch.it.TestMessages.telemetry;
import static io.gridflex.dispatch.it.TestMessages.unique;
import static io.gridflex.dispatch.it.TestMessages.withStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.gridflex.dispatch.it.Operator;
import io.gridflex.dispatch.it.TestMessages;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrEvent.EventStatus;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.BenchWarmUp;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.gridflex.testsupport.ScheduleRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * The end-to-end latency of dispatch for a fleet of 1,000 sites: from the broker's append time of a DR event to the
 * broker's append time of the last of the 1,000 schedules it causes, through real Kafka, PostgreSQL and the whole
 * service (consumer, allocation transaction, outbox relay, producer). Prints its figures; asserts only that every
 * site got its schedule every time. Tagged {@code benchmark} and left out of the normal build; run it with
 * <pre>
 * ./mvnw -B -pl services/dispatch test -Dgroups=benchmark -DexcludedGroups=none
 * </pre>
 * or {@code deploy/local/bench.sh --dispatch}. System properties (given to Maven with -D):
 * {@code gridflex.bench.sites} (1000), {@code gridflex.bench.warm-up} (rounds for {@code PT45S} first),
 * {@code gridflex.bench.events} (60), {@code gridflex.bench.telemetry-every} (a duration such as 2s: every site
 * reports that often during the run, as agents do; off by default), {@code gridflex.bench.jfr} (a file: a JFR
 * recording with the "profile" settings of the measured rounds).
 * <p>
 * The fleet is one program of 1,000 sites registered through the operator API, each reporting once over Kafka. Each
 * round sends one event of one hour, two hours ahead, asking exactly what the fleet can shed, so every site gets a
 * piece; then, once all 1,000 schedules are on the topic, its cancellation, which takes the piece away again (1,000
 * more schedules), so schedules do not grow from round to round. Every message is measured, after the warm-up rounds.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(EventToKafkaProfile.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "dispatch"))
@WithTestResource(BenchTopics.class)
class EventToKafkaBenchmark {

    private static final int SITES = Integer.getInteger("gridflex.bench.sites", 1000);
    private static final Duration WARM_UP = BenchWarmUp.duration();
    private static final int EVENTS = Integer.getInteger("gridflex.bench.events", 60);
    private static final String TELEMETRY_EVERY = System.getProperty("gridflex.bench.telemetry-every", "");
    private static final String JFR = System.getProperty("gridflex.bench.jfr", "");
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Pattern ISSUED_AT = Pattern.compile("\"issuedAt\":\"([^\"]+)\"");

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void everySiteGetsItsScheduleForEveryEventAndEveryCancellation() throws Exception {
        Map<String, Object> bootstrap = KafkaTestResource.adminConfig();
        String prefix = unique("bench");
        String program = prefix + "-program";
        Operator.program(program);
        Map<String, Double> enrolled = new LinkedHashMap<>();
        long registering = System.nanoTime();
        for (int i = 0; i < SITES; i++) {
            String siteId = "%s-site-%04d".formatted(prefix, i);
            // 100 to 492 kW in 8 kW steps, three priorities: enough variety for the merit order to sort.
            double kw = 100 + (i % 50) * 8;
            Operator.site(siteId, program, kw, kw, 100 + i % 3);
            enrolled.put(siteId, kw);
        }
        Set<String> sites = enrolled.keySet();
        double fleetKw = enrolled.values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf(Locale.ROOT, "[bench] %d sites registered through the operator API in %.1f s%n", SITES,
                (System.nanoTime() - registering) / 1e9);

        // Each site's own schedules topic (created when it was registered) stamps records with the broker's clock.
        BenchTopics.create(bootstrap, sites.stream().map(Topics::siteSchedules).toList());
        try (KafkaProducer<String, String> producer = producer(bootstrap);
                ScheduleRecords schedules = new ScheduleRecords(bootstrap, sites, "dispatch-bench-")) {
            // Each site mines 600 kW and could stop more than it is enrolled for: it is counted on for its enrollment.
            long reporting = System.nanoTime();
            report(producer, enrolled);
            await().atMost(WAIT).until(() -> reported(sites) == SITES);
            System.out.printf(Locale.ROOT, "[bench] dispatch took in the first report of all %d sites, each on its "
                    + "own new topic, in %.1f s%n", SITES, (System.nanoTime() - reporting) / 1e9);
            ScheduledExecutorService feed = telemetryFeed(producer, enrolled);

            List<Round> events = new ArrayList<>();
            List<Round> cancels = new ArrayList<>();
            Meters before = null;
            Recording recording = null;
            int cursor = 0;
            int round = 0;
            long warmUpEnds = System.nanoTime() + WARM_UP.toNanos();
            for (; events.size() < EVENTS; round++) {
                boolean measured = round > 0 && System.nanoTime() >= warmUpEnds;
                if (measured && before == null) {
                    System.out.printf(Locale.ROOT, "[bench] warm-up: %d rounds in %s%n", round, WARM_UP);
                    before = Meters.read(registry);
                    recording = startRecording();
                }
                DrEvent event = reduction(prefix + "-vtn/evt-" + round, program, 0,
                        TestMessages.now().plus(Duration.ofHours(2)), 60, fleetKw);
                String marker = "\"eventId\":\"" + event.eventId() + "\"";

                long sent = send(producer, event);
                Phase allocated = awaitEverySite(schedules, cursor, sites, r -> r.json().contains(marker));
                cursor = allocated.cursor();
                Map<String, Long> revisions = allocated.revisions();

                long cancelSent = send(producer, withStatus(event, 1, EventStatus.CANCELLED));
                Phase withdrawn = awaitEverySite(schedules, cursor, sites,
                        r -> r.revision() > revisions.get(r.siteId()) && !r.json().contains(marker));
                cursor = withdrawn.cursor();

                if (round == 0) {
                    // The first schedules ever written to the sites' topics: the broker creates each partition's
                    // files on its first append.
                    Round first = Round.of(sent, allocated);
                    System.out.printf(Locale.ROOT, "[bench] first event after registration (fresh topics): event ->"
                            + " first schedule %d ms, -> last %d ms%n", first.firstMillis(), first.lastMillis());
                }
                if (measured) {
                    events.add(Round.of(sent, allocated));
                    cancels.add(Round.of(cancelSent, withdrawn));
                }
            }
            if (recording != null) {
                recording.stop();
                recording.close();
            }
            // The relay records its delay once the acknowledgements are in, a moment after the records are readable.
            long expectedRows = 2L * EVENTS * SITES;
            Meters measuredFrom = before;
            await().atMost(WAIT).until(() -> Meters.read(registry).relayed() - measuredFrom.relayed() >= expectedRows);
            Meters after = Meters.read(registry);
            if (feed != null) {
                feed.shutdownNow();
            }

            print("event", events);
            print("cancel", cancels);
            after.printSince(before, registry);
            assertEverySchedule(schedules.all(), sites, round * 2);
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> bootstrap) {
        Properties props = new Properties();
        props.putAll(bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props);
    }

    /** Sends the event as ven-gateway does and returns the broker's append time of it. */
    private static long send(KafkaProducer<String, String> producer, DrEvent event) throws Exception {
        RecordMetadata metadata = producer.send(new ProducerRecord<>(BenchTopics.DR_EVENTS, event.eventId(),
                TestMessages.json(event))).get(30, TimeUnit.SECONDS);
        return metadata.timestamp();
    }

    private static void report(KafkaProducer<String, String> producer, Map<String, Double> enrolled) {
        enrolled.forEach((siteId, kw) -> producer.send(new ProducerRecord<>(Topics.siteTelemetry(siteId), siteId,
                telemetry(siteId, 600, kw + 20, 0))));
        producer.flush();
    }

    private static ScheduledExecutorService telemetryFeed(KafkaProducer<String, String> producer,
            Map<String, Double> enrolled) {
        if (TELEMETRY_EVERY.isBlank()) {
            return null;
        }
        long millis = Duration.parse("PT" + TELEMETRY_EVERY.toUpperCase(Locale.ROOT)).toMillis();
        ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor();
        feed.scheduleAtFixedRate(() -> report(producer, enrolled), millis, millis, TimeUnit.MILLISECONDS);
        System.out.printf(Locale.ROOT, "[bench] every site reports every %d ms during the run%n", millis);
        return feed;
    }

    private int reported(Set<String> sites) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT count(*) FROM dispatch.site_live WHERE site_id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("varchar", sites.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Waits until every site has a record matching {@code belongs}, read from {@code cursor} on. */
    private static Phase awaitEverySite(ScheduleRecords schedules, int cursor, Set<String> sites,
            Predicate<ScheduleRecords.Received> belongs) throws InterruptedException {
        Map<String, ScheduleRecords.Received> found = new HashMap<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        int next = cursor;
        while (found.size() < sites.size()) {
            if (System.nanoTime() > deadline) {
                TreeSet<String> missing = new TreeSet<>(sites);
                missing.removeAll(found.keySet());
                throw new AssertionError(missing.size() + " sites got no schedule within " + WAIT + ", e.g. "
                        + missing.first());
            }
            List<ScheduleRecords.Received> batch = schedules.since(next, Duration.ofMillis(200));
            next += batch.size();
            for (ScheduleRecords.Received record : batch) {
                if (sites.contains(record.siteId()) && belongs.test(record)) {
                    found.putIfAbsent(record.siteId(), record);
                }
            }
        }
        return new Phase(next, found);
    }

    private static Recording startRecording() throws Exception {
        if (JFR.isBlank()) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        Path file = Path.of(JFR).toAbsolutePath();
        Files.createDirectories(file.getParent());
        recording.setDestination(file);
        recording.start();
        System.out.println("[bench] JFR recording of the measured rounds to " + file);
        return recording;
    }

    private static void print(String what, List<Round> rounds) {
        System.out.printf(Locale.ROOT, "[bench] %s -> last of %d schedules on Kafka (broker append times), %d "
                + "messages: %s%n", what, SITES, rounds.size(), Stats.of(rounds, Round::lastMillis));
        System.out.printf(Locale.ROOT, "[bench]   %s -> dispatch's transaction starts (issuedAt): %s%n", what,
                Stats.of(rounds, Round::issuedMillis));
        System.out.printf(Locale.ROOT, "[bench]   %s -> first schedule on Kafka: %s%n", what,
                Stats.of(rounds, Round::firstMillis));
        System.out.printf(Locale.ROOT, "[bench]   first -> last schedule on Kafka: %s%n",
                Stats.of(rounds, r -> r.lastMillis() - r.firstMillis()));
        System.out.printf(Locale.ROOT, "[bench]   schedule message size: min %d B, mean %d B, max %d B%n",
                rounds.stream().mapToInt(Round::minBytes).min().orElse(0),
                Math.round(rounds.stream().mapToDouble(Round::meanBytes).average().orElse(0)),
                rounds.stream().mapToInt(Round::maxBytes).max().orElse(0));
        // The slowest, with their wall-clock times, to set beside the GC logs of the JVMs involved.
        rounds.stream().sorted(Comparator.comparingLong(Round::lastMillis).reversed()).limit(3)
                .forEach(r -> System.out.printf(Locale.ROOT, "[bench]   slow: %s at %s: %d ms (transaction starts %d,"
                        + " first schedule %d)%n", what, Instant.ofEpochMilli(r.sentAt()), r.lastMillis(),
                        r.issuedMillis(), r.firstMillis()));
    }

    /** Every record decodes with the schema-checking codec, and each site ends with no segment left. */
    private static void assertEverySchedule(List<ScheduleRecords.Received> records, Set<String> sites,
            int perSite) {
        Map<String, SiteSchedule> latest = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (ScheduleRecords.Received record : records) {
            if (!sites.contains(record.siteId())) {
                continue;
            }
            SiteSchedule schedule = TestMessages.codec().decode(SiteSchedule.class, record.json());
            assertThat(schedule.siteId()).isEqualTo(record.siteId());
            latest.merge(schedule.siteId(), schedule, (a, b) -> b.revision() > a.revision() ? b : a);
            count.merge(schedule.siteId(), 1, Integer::sum);
        }
        assertThat(latest.keySet()).isEqualTo(sites);
        assertThat(latest.values()).allSatisfy(s -> {
            assertThat(s.revision()).isEqualTo(perSite);
            assertThat(s.segments()).isEmpty();
        });
        assertThat(count.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(perSite));
    }

    /**
     * One site each, the record that answered the message, and where reading stopped.
     *
     * @param cursor index of the next record to read
     * @param records the answering record per site
     */
    private record Phase(int cursor, Map<String, ScheduleRecords.Received> records) {

        Map<String, Long> revisions() {
            Map<String, Long> revisions = new HashMap<>();
            records.forEach((site, record) -> revisions.put(site, record.revision()));
            return revisions;
        }
    }

    /**
     * One measured message.
     *
     * @param sentAt its append time (epoch ms, the broker's clock)
     * @param lastMillis its append time to the last schedule's
     * @param firstMillis its append time to the first schedule's
     * @param issuedMillis its append time to the schedules' issuedAt (dispatch's clock when its transaction began)
     */
    private record Round(long sentAt, long lastMillis, long firstMillis, long issuedMillis, int minBytes,
            double meanBytes, int maxBytes) {

        static Round of(long sentAt, Phase phase) {
            var records = phase.records().values();
            long first = records.stream().mapToLong(ScheduleRecords.Received::appendedAt).min().orElseThrow();
            long last = records.stream().mapToLong(ScheduleRecords.Received::appendedAt).max().orElseThrow();
            Matcher issued = ISSUED_AT.matcher(records.iterator().next().json());
            long issuedAt = issued.find() ? Instant.parse(issued.group(1)).toEpochMilli() : sentAt;
            return new Round(sentAt, last - sentAt, first - sentAt, issuedAt - sentAt,
                    records.stream().mapToInt(ScheduleRecords.Received::bytes).min().orElseThrow(),
                    records.stream().mapToInt(ScheduleRecords.Received::bytes).average().orElseThrow(),
                    records.stream().mapToInt(ScheduleRecords.Received::bytes).max().orElseThrow());
        }
    }

    /** Nearest-rank percentiles: of fewer than 100 messages, p99 is the largest. */
    private static final class Stats {

        static String of(List<Round> rounds, java.util.function.ToLongFunction<Round> figure) {
            return ofValues(rounds.stream().map(r -> figure.applyAsLong(r)).toList());
        }

        static String ofValues(List<Long> values) {
            if (values.isEmpty()) {
                return "no values";
            }
            List<Long> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
            return "p50 %d ms, p90 %d ms, p99 %d ms, max %d ms".formatted(rank(sorted, 0.5), rank(sorted, 0.9),
                    rank(sorted, 0.99), sorted.getLast());
        }

        private static long rank(List<Long> sorted, double quantile) {
            return sorted.get(Math.max(0, (int) Math.ceil(quantile * sorted.size()) - 1));
        }
    }

    /** Dispatch's own timers, read before and after the measured rounds. */
    private record Meters(long allocations, double allocationMillis, long relayed, double relayMillis) {

        static Meters read(MeterRegistry registry) {
            Timer allocation = allocation(registry);
            Timer relay = relay(registry);
            return new Meters(allocation.count(), allocation.totalTime(TimeUnit.MILLISECONDS), relay.count(),
                    relay.totalTime(TimeUnit.MILLISECONDS));
        }

        void printSince(Meters before, MeterRegistry registry) {
            long allocationCount = allocations - before.allocations;
            long relayCount = relayed - before.relayed;
            System.out.printf(Locale.ROOT, "[bench] dispatch gridflex.dispatch.allocation.duration: %d revisions, "
                    + "mean %.1f ms; recent %s%n", allocationCount,
                    (allocationMillis - before.allocationMillis) / Math.max(1, allocationCount),
                    percentiles(allocation(registry).takeSnapshot()));
            System.out.printf(Locale.ROOT, "[bench] dispatch gridflex.dispatch.relay.delay{outbox=schedules}: %d rows,"
                    + " mean %.1f ms; recent %s%n", relayCount,
                    (relayMillis - before.relayMillis) / Math.max(1, relayCount),
                    percentiles(relay(registry).takeSnapshot()));
        }

        private static Timer allocation(MeterRegistry registry) {
            return registry.get("gridflex.dispatch.allocation.duration").timer();
        }

        private static Timer relay(MeterRegistry registry) {
            return registry.get("gridflex.dispatch.relay.delay").tag("outbox", "schedules").timer();
        }

        private static String percentiles(HistogramSnapshot snapshot) {
            StringBuilder text = new StringBuilder();
            for (ValueAtPercentile value : snapshot.percentileValues()) {
                text.append("p%.0f %.1f ms, ".formatted(value.percentile() * 100, value.value(TimeUnit.MILLISECONDS)));
            }
            return text + "max %.1f ms (Micrometer's decaying window)".formatted(snapshot.max(TimeUnit.MILLISECONDS));
        }
    }
}
