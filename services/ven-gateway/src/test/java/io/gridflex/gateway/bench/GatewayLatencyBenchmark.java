package io.gridflex.gateway.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gridflex.gateway.program.Programs;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.testsupport.BenchWarmUp;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The gateway's latency from an event's arrival to its DrEvent committed on Kafka, through the real VTN simulator
 * (mutual TLS), PostgreSQL, the outbox relay and a real broker (TLS, SCRAM, ACLs). Prints its figures and asserts
 * nothing about them. Tagged {@code benchmark} and left out of the normal build; run it with
 * {@code deploy/local/bench.sh --gateway}. System properties (given to Maven with -D): {@code gridflex.bench.warm-up}
 * (push rounds for {@code PT45S} first), {@code gridflex.bench.warm-up-rounds} (20 more right before each program's
 * measured ones), {@code gridflex.bench.push-events} (200 rounds), {@code gridflex.bench.pull-events} (100 rounds).
 * <p>
 * Each round creates one event on the VTN for one program's VEN (one hour, two hours ahead), waits for its DrEvent on
 * Kafka, then cancels it and waits for the CANCELLED DrEvent, so every distribution carries exactly one event and the
 * VEN's picture does not grow from round to round. One message is in flight at a time. Both messages of a round are
 * measured, after the warm-up rounds, first on the push program, then on the pull program (polling every 500 ms: the
 * wait for the next poll is not part of the figure, only of the last line printed, from the admin request on).
 * <p>
 * Measured from outside the gateway: from the VTN's own record of when it handed the VEN the event (the simulator's
 * {@code distributedAt}: its clock as it began answering the poll that carries it, or began the push) to the broker's
 * append time of the DrEvent (the topic stamps records with the broker's clock; with one in-sync replica the broker
 * acknowledges the gateway's producer right after it appended). The VTN's start is a little before the payload is at
 * the gateway (the simulator still builds and sends the XML), so the figure is an upper bound of "payload received to
 * committed". Also printed: the same to a plain consumer's poll, and the split at the DrEvent's receivedAt (the
 * gateway's clock when its handler began, after reading, parsing and validating the XML). All clocks are this
 * machine's one wall clock.
 */
@QuarkusTest
@Tag("benchmark")
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(BenchVtn.class)
class GatewayLatencyBenchmark {

    private static final Duration WARM_UP = BenchWarmUp.duration();
    /** Unmeasured rounds of each program right before its measured ones (the pull path's own code, mostly). */
    private static final int WARM_UP_ROUNDS = Integer.getInteger("gridflex.bench.warm-up-rounds", 20);
    private static final int PUSH_EVENTS = Integer.getInteger("gridflex.bench.push-events", 200);
    private static final int PULL_EVENTS = Integer.getInteger("gridflex.bench.pull-events", 100);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Programs programs;

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    @Test
    void everyEventAndCancellationOfBothProgramsReachesKafka() throws Exception {
        Registration push = registered(BenchVtn.PUSH);
        Registration pull = registered(BenchVtn.PULL);
        try (DrEventRecords records = new DrEventRecords(KafkaTestResource.adminConfig())) {
            int rounds = 0;
            for (long end = System.nanoTime() + WARM_UP.toNanos(); System.nanoTime() < end; rounds++) {
                round(push, records);
            }
            System.out.printf(Locale.ROOT, "[bench] warm-up: %d rounds on the push program in %s%n", rounds, WARM_UP);
            System.out.printf(Locale.ROOT, "[bench] load average before: %s%n", loadAverage());
            run("push", push, records);
            run("pull", pull, records);
        }
        System.out.printf(Locale.ROOT, "[bench] load average after: %s%n", loadAverage());
    }

    private void run(String transport, Registration registration, DrEventRecords records) throws Exception {
        List<Sample> samples = new ArrayList<>();
        int measured = "push".equals(transport) ? PUSH_EVENTS : PULL_EVENTS;
        if (measured == 0) {
            return;
        }
        Lag before = null;
        for (int round = 0; round < WARM_UP_ROUNDS + measured; round++) {
            if (round == WARM_UP_ROUNDS) {
                before = Lag.read(registry);
            }
            List<Sample> both = round(registration, records);
            if (round >= WARM_UP_ROUNDS) {
                samples.addAll(both);
            }
        }
        Lag after = Lag.read(registry);
        print(transport, samples);
        System.out.printf(Locale.ROOT, "[bench]   appended by the broker -> the relay had the ack (the outbox row's "
                + "published_at, ms clocks): %s%n", Percentiles.of(relayAcks(samples)));
        after.printSince(before, transport);
    }

    /** One round: an event created on the VTN, then cancelled, each awaited on Kafka; returns both samples. */
    private static List<Sample> round(Registration registration, DrEventRecords records) throws Exception {
        Instant start = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        Instant created = Instant.now();
        String vtnEventId = BenchVtn.admin("POST", "/admin/events", Map.of("reductionKw", 500, "start",
                start.toString(), "durationSeconds", 3600, "venId", registration.venId())).path("eventId")
                .asText();
        String eventId = registration.vtnId() + "/" + vtnEventId;
        // The record first, then the VTN's record of the hand-over: no admin call competes with the message.
        DrEventRecords.Received eventRecord = records.await(eventId, 0, WAIT);
        Sample event = new Sample("event", created, distributedAt(vtnEventId, registration, 0), eventRecord);

        Instant cancelled = Instant.now();
        BenchVtn.admin("POST", "/admin/events/" + vtnEventId + "/cancel", null);
        DrEventRecords.Received cancelRecord = records.await(eventId, 1, WAIT);
        Sample cancel = new Sample("cancel", cancelled, distributedAt(vtnEventId, registration, 1), cancelRecord);
        return List.of(event, cancel);
    }

    /**
     * For each sample, from the broker's append to the relay's note of the acknowledgement (published_at, taken when
     * the producer's acknowledgement was in, before the relay's commit). Read once all rounds are done, so the query
     * never competes with a measured message.
     */
    private List<Long> relayAcks(List<Sample> samples) throws SQLException {
        Map<String, Instant> published = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT event_id, modification_number,"
                        + " published_at FROM gateway.outbox WHERE event_id = ANY (?) AND published_at IS NOT NULL")) {
            select.setArray(1, connection.createArrayOf("varchar",
                    samples.stream().map(s -> s.received().key()).distinct().toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    published.put(rs.getString(1) + "#" + rs.getLong(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant());
                }
            }
        }
        List<Long> micros = new ArrayList<>();
        for (Sample sample : samples) {
            Instant at = published.get(sample.received().key() + "#" + sample.received().modificationNumber());
            if (at != null) {
                micros.add(ChronoUnit.MICROS.between(sample.received().appendedAt(), at));
            }
        }
        return micros;
    }

    /** When the VTN handed this VEN the given modification of the event, by its own clock. */
    private static Instant distributedAt(String vtnEventId, Registration registration, long modificationNumber)
            throws IOException, InterruptedException {
        return await("the VTN handed modification " + modificationNumber + " of " + vtnEventId + " over")
                .atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).until(() -> {
                    for (JsonNode ven : BenchVtn.admin("GET", "/admin/events/" + vtnEventId, null).path("vens")) {
                        if (registration.venId().equals(ven.path("venId").asText())
                                && ven.path("distributedModificationNumber").asLong(-1) == modificationNumber) {
                            return Instant.parse(ven.path("distributedAt").asText());
                        }
                    }
                    return null;
                }, at -> at != null);
    }

    private Registration registered(String program) {
        return await(program + " registered").atMost(Duration.ofSeconds(60))
                .until(() -> programs.find(program).orElseThrow().state().current().orElse(null), r -> r != null);
    }

    private static void print(String transport, List<Sample> samples) {
        long events = samples.stream().filter(s -> "event".equals(s.kind())).count();
        System.out.printf(Locale.ROOT, "[bench] %s: %d messages (%d events, %d cancellations), one at a time%n",
                transport, samples.size(), events, samples.size() - events);
        System.out.printf(Locale.ROOT, "[bench]   VTN distributes -> DrEvent appended by the broker: %s%n",
                Stats.of(samples, Sample::toAppendMicros));
        System.out.printf(Locale.ROOT, "[bench]     events only: %s; cancellations only: %s%n",
                Stats.of(samples.stream().filter(s -> "event".equals(s.kind())).toList(), Sample::toAppendMicros),
                Stats.of(samples.stream().filter(s -> "cancel".equals(s.kind())).toList(), Sample::toAppendMicros));
        System.out.printf(Locale.ROOT, "[bench]   VTN distributes -> a plain consumer has it: %s%n",
                Stats.of(samples, Sample::toConsumedMicros));
        System.out.printf(Locale.ROOT,
                "[bench]   VTN distributes -> gateway handler starts (receivedAt, ms clock): %s%n",
                Stats.of(samples, Sample::toGatewayMicros));
        System.out.printf(Locale.ROOT, "[bench]   gateway handler starts -> appended by the broker (ms clocks): %s%n",
                Stats.of(samples, Sample::gatewayToAppendMicros));
        System.out.printf(Locale.ROOT, "[bench]   admin request to the VTN -> appended by the broker: %s%n",
                Stats.of(samples, Sample::requestToAppendMicros));
        // The tail, each with its wall-clock time, to set beside GC logs (-Xlog:gc) and other processes' activity.
        samples.stream().sorted(Comparator.comparingLong(Sample::toAppendMicros).reversed()).limit(5)
                .forEach(s -> System.out.printf(Locale.ROOT, "[bench]   slow: %s %s at %s: %.1f ms (to the handler"
                        + " %.1f ms, handler -> appended %.1f ms)%n", transport, s.kind(), s.distributed(),
                        s.toAppendMicros() / 1000.0, s.toGatewayMicros() / 1000.0,
                        s.gatewayToAppendMicros() / 1000.0));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * One measured message, all instants on this machine's wall clock.
     *
     * @param requested when the benchmark asked the VTN's admin API for the change
     * @param distributed the VTN's record of handing it to the VEN
     * @param received the DrEvent as the consumer read it
     */
    private record Sample(String kind, Instant requested, Instant distributed, DrEventRecords.Received received) {

        long toAppendMicros() {
            return micros(distributed, received.appendedAt());
        }

        long toConsumedMicros() {
            return micros(distributed, received.consumedAt());
        }

        long toGatewayMicros() {
            return micros(distributed, received.gatewayReceivedAt());
        }

        long gatewayToAppendMicros() {
            return micros(received.gatewayReceivedAt(), received.appendedAt());
        }

        long requestToAppendMicros() {
            return micros(requested, received.appendedAt());
        }

        private static long micros(Instant from, Instant to) {
            return ChronoUnit.MICROS.between(from, to);
        }
    }

    private static final class Stats {

        static String of(List<Sample> values, ToLongFunction<Sample> micros) {
            return Percentiles.of(values.stream().map(micros::applyAsLong).toList());
        }
    }

    /**
     * The gateway's own timer {@code gridflex.gateway.publish.lag}: from its handler's start (receivedAt) to the
     * relay's return from Kafka's acknowledgement, before the relay's commit. Read before and after the measured
     * rounds.
     */
    private record Lag(long count, double totalMillis) {

        static Lag read(MeterRegistry registry) {
            Timer timer = registry.get("gridflex.gateway.publish.lag").timer();
            return new Lag(timer.count(), timer.totalTime(TimeUnit.MILLISECONDS));
        }

        void printSince(Lag before, String transport) {
            long count = this.count - before.count;
            System.out.printf(Locale.ROOT, "[bench]   the gateway's own gridflex.gateway.publish.lag over the %s "
                    + "rounds: %d DrEvents, mean %.1f ms%n", transport, count,
                    (totalMillis - before.totalMillis) / Math.max(1, count));
        }
    }
}
