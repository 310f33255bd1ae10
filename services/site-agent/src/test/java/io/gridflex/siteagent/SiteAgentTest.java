package io.gridflex.siteagent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gridflex.messages.CommandAck;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.SiteCommand.Action;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.messages.Topics;
import io.gridflex.minersim.fleet.CurtailEvent;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The agent end to end: commands arrive on a real Kafka broker, the agent drives ten simulated miners over their TCP
 * API, acks and telemetry come back on Kafka. Each test starts from the site at rest (eight miners running, two left
 * off by the operator, no active command) and leaves it so.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SimulatedSiteResource.class)
class SiteAgentTest {

    private static final String SITE = SimulatedSiteResource.SITE;
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final MessageCodec CODEC = new MessageCodec();
    private static TestKafka kafka;

    private final SimulatedFleet fleet = SimulatedSiteResource.fleet();
    private PowerWatch watch;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(KafkaTestResource.bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @BeforeEach
    void siteAtRest() {
        await().atMost(SOON).untilAsserted(() -> {
            given().get("/api/status").then().statusCode(200).body("activeCommand", equalTo(null));
            assertThat(fleet.miners().stream().filter(SimulatedMiner::isAwake)).hasSize(8);
        });
        watch = new PowerWatch(fleet);
    }

    @AfterEach
    void stopWatching() {
        watch.close();
    }

    @Test
    void shedsWithinSecondsAndRestoresInStagesAtTheEnd() {
        double before = fleet.powerW();
        Instant now = Instant.now();
        SiteCommand command = shed(uniqueEvent(), 0, 10, now, now.plusSeconds(12));
        send(command);

        CommandAck shed = awaitAck(command, CommandAck.Status.SHED);
        await().atMost(SOON).until(() -> before - fleet.powerW() >= 10_000);
        assertThat(shed.shedKw()).isGreaterThanOrEqualTo(10.0);
        assertThat(shed.reason()).contains("4 miners stopped");
        assertThat(sleepsSince(now)).hasSize(4);
        awaitAck(command, CommandAck.Status.ACCEPTED);

        given().get("/api/status").then().statusCode(200)
                .body("siteId", equalTo(SITE))
                .body("activeCommand.commandId", equalTo(command.commandId()))
                .body("activeCommand.phase", equalTo("SHED"))
                .body("activeCommand.minersHeld", equalTo(4))
                .body("miners", hasSize(10));
        SiteTelemetry during = CODEC.decode(SiteTelemetry.class, kafka.awaitRecord(Topics.SITE_TELEMETRY,
                r -> SITE.equals(r.key()) && r.value().contains(command.commandId()), SOON).value());
        assertThat(during.minersTotal()).isEqualTo(10);
        assertThat(during.maxImportKw()).isEqualTo(SimulatedSiteResource.MAX_IMPORT_KW);

        awaitAck(command, CommandAck.Status.RESTORING);
        awaitAck(command, CommandAck.Status.RESTORED);
        List<Instant> wakes = wakeupsSince(now);
        assertThat(wakes).hasSize(4);
        // 6.5 kW per stage: two miners, then the other two one stage interval later.
        assertThat(batches(wakes, SimulatedSiteResource.STAGE_INTERVAL.dividedBy(2))).isEqualTo(2);
        assertThat(watch.maxW()).isLessThanOrEqualTo(SimulatedSiteResource.MAX_IMPORT_KW * 1000);
    }

    @Test
    void restoreNeverTakesTheSiteAboveItsImportLimit() {
        Instant now = Instant.now();
        SiteCommand command = shed(uniqueEvent(), 0, 10, now, now.plusSeconds(8));
        send(command);
        awaitAck(command, CommandAck.Status.SHED);
        // Meanwhile the operator switches on a miner the agent does not manage: the site now has less room.
        SimulatedMiner operatorsMiner = fleet.miner(9);
        operatorsMiner.wakeUp();
        try {
            awaitAck(command, CommandAck.Status.RESTORING);
            double blockedBefore = metric("gridflex_site_restore_blocked_total");
            await().atMost(SOON).until(() -> metric("gridflex_site_restore_blocked_total") > blockedBefore
                    && agentWakeupsSince(now, operatorsMiner).size() == 3);
            // Three of four came back; the fourth would break the limit and waits, and the command is not over.
            assertThat(fleet.miners().stream().filter(SimulatedMiner::isAwake)).hasSize(8);
            assertThat(acksFor(command, CommandAck.Status.RESTORED, Duration.ZERO)).isEmpty();
            given().get("/api/status").then().body("activeCommand.phase", equalTo("RESTORING"));
        } finally {
            operatorsMiner.sleep();
        }
        awaitAck(command, CommandAck.Status.RESTORED);
        assertThat(agentWakeupsSince(now, operatorsMiner)).hasSize(4);
        assertThat(watch.maxW()).isLessThanOrEqualTo(SimulatedSiteResource.MAX_IMPORT_KW * 1000);
    }

    @Test
    void aDuplicateCommandIsNotShedTwice() {
        Instant now = Instant.now();
        SiteCommand command = shed(uniqueEvent(), 0, 4, now, now.plusSeconds(6));
        send(command);
        awaitAck(command, CommandAck.Status.SHED);
        double duplicates = metric("gridflex_messages_rejected_total", "reason=\"duplicate\"");

        send(command);

        await().atMost(SOON).until(
                () -> metric("gridflex_messages_rejected_total", "reason=\"duplicate\"") >= duplicates + 1);
        awaitAck(command, CommandAck.Status.RESTORED);
        assertThat(sleepsSince(now)).hasSize(2);
        assertThat(acksFor(command, CommandAck.Status.ACCEPTED, Duration.ZERO)).hasSize(1);
    }

    @Test
    void aCancelRestoresAtOnce() {
        Instant now = Instant.now();
        String event = uniqueEvent();
        SiteCommand command = shed(event, 3, 5, now, now.plusSeconds(600));
        send(command);
        awaitAck(command, CommandAck.Status.SHED);

        SiteCommand cancel = new SiteCommand(SiteCommand.commandId(event, 4, SITE), SITE, event, 4, Action.CANCEL, 0,
                now, now.plusSeconds(600), Instant.now());
        send(cancel);

        CommandAck superseded = awaitAck(command, CommandAck.Status.SUPERSEDED);
        assertThat(superseded.reason()).contains(cancel.commandId());
        awaitAck(cancel, CommandAck.Status.ACCEPTED);
        awaitAck(cancel, CommandAck.Status.RESTORING);
        awaitAck(cancel, CommandAck.Status.RESTORED);
        assertThat(fleet.miners().stream().filter(SimulatedMiner::isAwake)).hasSize(8);
    }

    @Test
    void anotherSitesCommandChangesNothing() {
        double foreign = metric("gridflex_messages_rejected_total", "reason=\"foreign-site\"");
        double accepted = metric("gridflex_site_commands_total", "outcome=\"accepted\"");
        Instant now = Instant.now();
        SiteCommand other = new SiteCommand(SiteCommand.commandId("ev-x", 0, "other-site"), "other-site", "ev-x", 0,
                Action.SHED, 10, now, now.plusSeconds(60), now);

        kafka.send(Topics.SITE_COMMANDS, "other-site", CODEC.encode(other));
        // Keyed to this site but naming another in the payload: not ours either.
        kafka.send(Topics.SITE_COMMANDS, SITE, CODEC.encode(other));

        await().atMost(SOON).until(
                () -> metric("gridflex_messages_rejected_total", "reason=\"foreign-site\"") >= foreign + 2);
        assertThat(metric("gridflex_site_commands_total", "outcome=\"accepted\"")).isEqualTo(accepted);
        assertThat(sleepsSince(now)).isEmpty();
        given().get("/api/status").then().body("activeCommand", equalTo(null));
    }

    @Test
    void aMalformedCommandChangesNothing() {
        double invalid = metric("gridflex_messages_rejected_total", "reason=\"invalid\"");
        double accepted = metric("gridflex_site_commands_total", "outcome=\"accepted\"");
        Instant now = Instant.now();

        kafka.send(Topics.SITE_COMMANDS, SITE, "{not json");
        kafka.send(Topics.SITE_COMMANDS, SITE, "{\"commandId\":\"x\",\"siteId\":\"" + SITE + "\",\"shedKw\":-5}");

        await().atMost(SOON).until(() -> metric("gridflex_messages_rejected_total", "reason=\"invalid\"") == invalid
                + 2);
        assertThat(metric("gridflex_site_commands_total", "outcome=\"accepted\"")).isEqualTo(accepted);
        assertThat(sleepsSince(now)).isEmpty();
        given().get("/api/status").then().body("activeCommand", equalTo(null));
    }

    @Test
    void anExpiredCommandIsRejectedWithItsReason() {
        Instant now = Instant.now();
        SiteCommand expired = shed(uniqueEvent(), 0, 5, now.minusSeconds(600), now.minusSeconds(60));

        send(expired);

        CommandAck rejected = awaitAck(expired, CommandAck.Status.REJECTED);
        assertThat(rejected.reason()).contains("expired");
        assertThat(sleepsSince(now)).isEmpty();
    }

    @Test
    void telemetryReportsTheSiteEveryInterval() {
        List<SiteTelemetry> reports = new ArrayList<>();
        Instant from = Instant.now();
        await().atMost(SOON).until(() -> {
            reports.clear();
            kafka.poll(Topics.SITE_TELEMETRY, r -> SITE.equals(r.key()), Duration.ofSeconds(1))
                    .forEach(r -> reports.add(CODEC.decode(SiteTelemetry.class, r.value())));
            return reports.stream().filter(t -> t.intervalStart().isAfter(from)).count() >= 2;
        });
        List<SiteTelemetry> recent = reports.stream().filter(t -> t.intervalStart().isAfter(from)).toList();
        SiteTelemetry last = recent.getLast();
        assertThat(last.minersRunning()).isEqualTo(8);
        assertThat(last.averageKw()).isBetween(8 * 3.01 * 0.97, 8 * 3.01 * 1.03);
        assertThat(last.sheddableKw()).isBetween(8 * 3.01 * 0.97, 8 * 3.01 * 1.03);
        assertThat(last.energyKwh()).isCloseTo(last.averageKw() * 2 / 3600,
                org.assertj.core.api.Assertions.within(1e-6));
        for (int i = 1; i < recent.size(); i++) {
            assertThat(recent.get(i).intervalStart()).isEqualTo(recent.get(i - 1).intervalEnd());
        }
    }

    @Test
    void healthAndMetricsAreExposed() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'miners' }.status", equalTo("UP"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("gridflex_site_power_kW").contains("gridflex_site_shed_latency");
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", org.hamcrest.Matchers.hasKey(
                "/api/status"));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static String uniqueEvent() {
        return "ev-" + UUID.randomUUID();
    }

    private static SiteCommand shed(String event, long revision, double kw, Instant start, Instant end) {
        return new SiteCommand(SiteCommand.commandId(event, revision, SITE), SITE, event, revision, Action.SHED, kw,
                start, end, Instant.now());
    }

    private static void send(SiteCommand command) {
        kafka.send(Topics.SITE_COMMANDS, command.siteId(), CODEC.encode(command));
    }

    private static CommandAck awaitAck(SiteCommand command, CommandAck.Status status) {
        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.COMMAND_ACKS, isAck(command, status), SOON);
        assertThat(record.key()).isEqualTo(SITE);
        return CODEC.decode(CommandAck.class, record.value());
    }

    private static List<CommandAck> acksFor(SiteCommand command, CommandAck.Status status, Duration beyondNow) {
        return kafka.poll(Topics.COMMAND_ACKS, isAck(command, status), Duration.ofSeconds(2).plus(beyondNow))
                .stream().map(r -> CODEC.decode(CommandAck.class, r.value())).toList();
    }

    private static Predicate<ConsumerRecord<String, String>> isAck(SiteCommand command, CommandAck.Status status) {
        return r -> r.value().contains(command.commandId())
                && CODEC.decode(CommandAck.class, r.value()).status() == status;
    }

    private List<Instant> sleepsSince(Instant from) {
        return curtailsSince(from, "sleep");
    }

    private List<Instant> wakeupsSince(Instant from) {
        return curtailsSince(from, "wakeup");
    }

    private List<Instant> agentWakeupsSince(Instant from, SimulatedMiner operatorsMiner) {
        return curtailsSince(from, "wakeup", fleet.miners().stream().filter(m -> m != operatorsMiner).toList());
    }

    private List<Instant> curtailsSince(Instant from, String action) {
        return curtailsSince(from, action, fleet.miners());
    }

    private static List<Instant> curtailsSince(Instant from, String action, List<SimulatedMiner> miners) {
        return miners.stream().flatMap(m -> m.curtailLog().stream())
                .filter(e -> e.action().equals(action) && !e.at().isBefore(from)).map(CurtailEvent::at).sorted()
                .toList();
    }

    /** Groups instants separated by more than {@code gap} and counts the groups. */
    private static int batches(List<Instant> sorted, Duration gap) {
        int batches = sorted.isEmpty() ? 0 : 1;
        for (int i = 1; i < sorted.size(); i++) {
            if (Duration.between(sorted.get(i - 1), sorted.get(i)).compareTo(gap) > 0) {
                batches++;
            }
        }
        return batches;
    }

    /** Sum of the Prometheus samples of {@code name} whose labels contain every one of {@code labels}. */
    private static double metric(String name, String... labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                boolean matches = true;
                for (String label : labels) {
                    matches &= line.contains(label);
                }
                if (matches) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }

    /** Samples the fleet's true draw in the background and keeps the highest value. */
    private static final class PowerWatch implements AutoCloseable {

        private final DoubleAccumulator max = new DoubleAccumulator(Math::max, 0);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        PowerWatch(SimulatedFleet fleet) {
            thread = Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    max.accumulate(fleet.powerW());
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        double maxW() {
            return max.get();
        }

        @Override
        public void close() {
            running.set(false);
            thread.interrupt();
        }
    }
}
