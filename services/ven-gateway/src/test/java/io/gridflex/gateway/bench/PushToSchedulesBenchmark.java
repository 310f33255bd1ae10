package io.gridflex.gateway.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.gateway.program.Programs;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.BenchWarmUp;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.gridflex.testsupport.ScheduleRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A push program end to end: from the VTN pushing an event to the gateway to the schedule of every site it affects on
 * Kafka, through the gateway (push listener, PostgreSQL, outbox relay) and dispatch (its packaged jar in a JVM of its
 * own, {@link BenchDispatch}), on real PostgreSQL, Kafka (TLS, SCRAM, ACLs) and Keycloak. Prints its figures and
 * asserts only that every site got its schedule every time. Tagged {@code benchmark}; run it with
 * {@code deploy/local/bench.sh --gateway}. System properties: {@code gridflex.bench.sites} (100),
 * {@code gridflex.bench.warm-up} (rounds for {@code PT45S} first), {@code gridflex.bench.push-events} (200 rounds).
 * <p>
 * The fleet is one program named as the gateway's push program, its sites registered through dispatch's operator API,
 * each reporting once over Kafka (as dispatch's own benchmark does). Each round the VTN issues one event of one hour,
 * two hours ahead, asking exactly what the fleet can shed, so every site gets a piece; once every schedule is on Kafka
 * it cancels the event, which takes the pieces away again. One message in flight at a time; both are measured.
 * <p>
 * Measured from the VTN's own record of the push ({@code distributedAt}, its clock as it began the push) to the
 * broker's append time of the last site's schedule (each site's schedule topic stamps records with the broker's
 * clock), with the DrEvent's append time in between.
 */
@QuarkusTest
@Tag("benchmark")
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(BenchVtn.class)
@WithTestResource(BenchDispatch.class)
class PushToSchedulesBenchmark {

    private static final int SITES = Integer.getInteger("gridflex.bench.sites", 100);
    private static final Duration WARM_UP = BenchWarmUp.duration();
    private static final int EVENTS = Integer.getInteger("gridflex.bench.push-events", 200);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Programs programs;

    @Inject
    MessageCodec codec;

    @Inject
    DataSource dataSource;

    @Test
    void everySiteGetsItsScheduleForEveryPushedEventAndCancellation() throws Exception {
        Registration registration = await("push program registered").atMost(WAIT).until(
                () -> programs.find(BenchVtn.PUSH).orElseThrow().state().current().orElse(null), r -> r != null);
        Map<String, Object> admin = KafkaTestResource.adminConfig();
        Map<String, Double> enrolled = enrol();
        Set<String> sites = enrolled.keySet();
        double fleetKw = enrolled.values().stream().mapToDouble(Double::doubleValue).sum();
        logAppendTime(admin, sites.stream().map(Topics::siteSchedules).toList());

        try (KafkaProducer<String, String> producer = producer(admin);
                ScheduleRecords schedules = new ScheduleRecords(admin, sites, "gateway-bench-schedules-");
                DrEventRecords drEvents = new DrEventRecords(admin)) {
            long reporting = System.nanoTime();
            // Each site mines 600 kW and could stop more than it is enrolled for: it is counted on for its enrollment.
            enrolled.forEach((siteId, kw) -> producer.send(new ProducerRecord<>(Topics.siteTelemetry(siteId), siteId,
                    telemetry(siteId, kw + 20))));
            producer.flush();
            await("dispatch has every site's report").atMost(Duration.ofMinutes(2))
                    .until(() -> reported(sites) == SITES);
            System.out.printf(Locale.ROOT, "[bench] dispatch took in the first report of all %d sites in %.1f s%n",
                    SITES, (System.nanoTime() - reporting) / 1e9);
            List<Round> rounds = new ArrayList<>();
            int cursor = 0;
            long warmUpEnds = System.nanoTime() + WARM_UP.toNanos();
            for (int round = 0; rounds.size() < 2 * EVENTS; round++) {
                boolean measured = System.nanoTime() >= warmUpEnds;
                if (measured && rounds.isEmpty()) {
                    System.out.printf(Locale.ROOT, "[bench] warm-up: %d rounds in %s; load average before: %s%n",
                            round, WARM_UP, loadAverage());
                }
                Instant start = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
                String vtnEventId = BenchVtn.admin("POST", "/admin/events", Map.of("reductionKw", fleetKw, "start",
                        start.toString(), "durationSeconds", 3600, "venId", registration.venId())).path("eventId")
                        .asText();
                String eventId = registration.vtnId() + "/" + vtnEventId;
                String marker = "\"eventId\":\"" + eventId + "\"";
                Phase allocated = awaitEverySite(schedules, cursor, sites, r -> r.json().contains(marker));
                cursor = allocated.cursor();
                Round event = Round.of("event", distributedAt(vtnEventId, registration, 0),
                        drEvents.await(eventId, 0, WAIT), allocated);

                Map<String, Long> revisions = allocated.revisions();
                BenchVtn.admin("POST", "/admin/events/" + vtnEventId + "/cancel", null);
                Phase withdrawn = awaitEverySite(schedules, cursor, sites,
                        r -> r.revision() > revisions.get(r.siteId()) && !r.json().contains(marker));
                cursor = withdrawn.cursor();
                Round cancel = Round.of("cancel", distributedAt(vtnEventId, registration, 1),
                        drEvents.await(eventId, 1, WAIT), withdrawn);
                if (measured) {
                    rounds.add(event);
                    rounds.add(cancel);
                }
            }
            System.out.printf(Locale.ROOT, "[bench] load average after: %s%n", loadAverage());
            print(rounds);
        }
    }

    /** Registers the program and its sites with dispatch, as an operator would. */
    private Map<String, Double> enrol() throws IOException, InterruptedException {
        String token = KeycloakTestResource.accessToken("olivia", KeycloakTestResource.demoPassword());
        HttpClient http = HttpClient.newHttpClient();
        operator(http, token, "/api/programs", Map.of("programId", BenchVtn.PUSH, "name", "Program " + BenchVtn.PUSH,
                "levelShares", List.of(0.25, 0.5, 1), "overDeliveryMargin", 0, "currency", "USD", "timeZone",
                "America/Chicago"));
        Map<String, Double> enrolled = new LinkedHashMap<>();
        long registering = System.nanoTime();
        for (int i = 0; i < SITES; i++) {
            String siteId = "bench-site-%04d".formatted(i);
            // 100 to 492 kW in 8 kW steps, three priorities: enough variety for the merit order to sort.
            double kw = 100 + (i % 50) * 8;
            operator(http, token, "/api/sites", Map.ofEntries(Map.entry("siteId", siteId),
                    Map.entry("name", "Site " + siteId), Map.entry("timeZone", "America/Chicago"),
                    Map.entry("maxShedKw", kw), Map.entry("minMiningKw", 0), Map.entry("priority", 100 + i % 3),
                    Map.entry("revenueShare", 0.7),
                    Map.entry("owner", Map.of("name", "Owner of " + siteId, "email", "owner@example.com")),
                    Map.entry("importLimitKw", 5000), Map.entry("datacentreCommittedKw", 0),
                    Map.entry("enrollments", List.of(Map.of("programId", BenchVtn.PUSH, "enrolledKw", kw)))));
            enrolled.put(siteId, kw);
        }
        System.out.printf(Locale.ROOT, "[bench] %d sites registered through dispatch's operator API in %.1f s%n",
                SITES, (System.nanoTime() - registering) / 1e9);
        return enrolled;
    }

    private static void operator(HttpClient http, String token, String path, Object body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(BenchDispatch.url() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
    }

    private String telemetry(String siteId, double sheddableKw) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        double miningKw = 600;
        return codec.encode(new SiteTelemetry(siteId, end.minusSeconds(2), end, miningKw, miningKw * 2 / 3600.0,
                miningKw, null, sheddableKw, 0, 0, 1000, new SiteTelemetry.MinerCounts(20, 18, 2, 0, 0), 2000.0, 24.0,
                null, SiteTelemetry.Source.MINERS, 1));
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

    private static KafkaProducer<String, String> producer(Map<String, Object> admin) {
        Properties props = new Properties();
        props.putAll(admin);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(props);
    }

    /** Each site's schedule topic (dispatch made it when the site was registered) gets the broker's clock. */
    private static void logAppendTime(Map<String, Object> admin, Collection<String> topics) {
        try (Admin kafka = Admin.create(admin)) {
            await("the sites' schedule topics").atMost(WAIT).until(
                    () -> kafka.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(topics));
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
            for (String topic : topics) {
                changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"),
                        AlterConfigOp.OpType.SET)));
            }
            kafka.incrementalAlterConfigs(changes).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot switch the schedule topics to the broker's append time", e);
        }
    }

    private static Instant distributedAt(String vtnEventId, Registration registration, long modificationNumber)
            throws IOException, InterruptedException {
        for (JsonNode ven : BenchVtn.admin("GET", "/admin/events/" + vtnEventId, null).path("vens")) {
            if (registration.venId().equals(ven.path("venId").asText())
                    && ven.path("distributedModificationNumber").asLong(-1) == modificationNumber) {
                return Instant.parse(ven.path("distributedAt").asText());
            }
        }
        throw new AssertionError("the VTN has no record of pushing modification " + modificationNumber + " of "
                + vtnEventId);
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

    private static void print(List<Round> rounds) {
        System.out.printf(Locale.ROOT, "[bench] push -> every site's schedule, %d sites, %d messages (events and "
                + "cancellations), one at a time%n", SITES, rounds.size());
        System.out.printf(Locale.ROOT, "[bench]   VTN pushes -> last of %d schedules appended by the broker: %s%n",
                SITES, Stats.of(rounds, Round::toLastMicros));
        System.out.printf(Locale.ROOT, "[bench]     events only: %s; cancellations only: %s%n",
                Stats.of(rounds.stream().filter(r -> "event".equals(r.kind())).toList(), Round::toLastMicros),
                Stats.of(rounds.stream().filter(r -> "cancel".equals(r.kind())).toList(), Round::toLastMicros));
        System.out.printf(Locale.ROOT, "[bench]   VTN pushes -> DrEvent appended: %s%n",
                Stats.of(rounds, Round::toDrEventMicros));
        System.out.printf(Locale.ROOT, "[bench]   DrEvent appended -> first schedule appended: %s%n",
                Stats.of(rounds, Round::drEventToFirstMicros));
        System.out.printf(Locale.ROOT, "[bench]   DrEvent appended -> last schedule appended: %s%n",
                Stats.of(rounds, Round::drEventToLastMicros));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * One site each, the record that answered the message, and where reading stopped.
     *
     * @param cursor index of the next record to read
     */
    private record Phase(int cursor, Map<String, ScheduleRecords.Received> records) {

        Map<String, Long> revisions() {
            Map<String, Long> revisions = new HashMap<>();
            records.forEach((site, record) -> revisions.put(site, record.revision()));
            return revisions;
        }
    }

    /**
     * One measured message, instants on this machine's one wall clock.
     *
     * @param pushed the VTN's record of beginning the push
     * @param drEvent the broker's append time of the gateway's DrEvent
     * @param first the broker's append time of the first site's schedule
     * @param last the same of the last site's
     */
    private record Round(String kind, Instant pushed, Instant drEvent, Instant first, Instant last) {

        static Round of(String kind, Instant pushed, DrEventRecords.Received drEvent, Phase phase) {
            var records = phase.records().values();
            long first = records.stream().mapToLong(ScheduleRecords.Received::appendedAt).min().orElseThrow();
            long last = records.stream().mapToLong(ScheduleRecords.Received::appendedAt).max().orElseThrow();
            return new Round(kind, pushed, drEvent.appendedAt(), Instant.ofEpochMilli(first),
                    Instant.ofEpochMilli(last));
        }

        long toLastMicros() {
            return ChronoUnit.MICROS.between(pushed, last);
        }

        long toDrEventMicros() {
            return ChronoUnit.MICROS.between(pushed, drEvent);
        }

        long drEventToFirstMicros() {
            return ChronoUnit.MICROS.between(drEvent, first);
        }

        long drEventToLastMicros() {
            return ChronoUnit.MICROS.between(drEvent, last);
        }
    }

    private static final class Stats {

        static String of(List<Round> rounds, ToLongFunction<Round> micros) {
            return Percentiles.of(rounds.stream().map(micros::applyAsLong).toList());
        }
    }
}
