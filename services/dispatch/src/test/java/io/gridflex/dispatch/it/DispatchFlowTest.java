package io.gridflex.dispatch.it;

import static io.gridflex.dispatch.it.TestMessages.event;
import static io.gridflex.dispatch.it.TestMessages.json;
import static io.gridflex.dispatch.it.TestMessages.telemetry;
import static io.gridflex.dispatch.it.TestMessages.uniqueEventId;
import static io.gridflex.dispatch.it.TestMessages.uniqueSite;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gridflex.messages.CommandAck;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrEvent.EventStatus;
import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.SiteCommand.Action;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.gridflex.testsupport.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Telemetry and DR events in through real Kafka, commands out through the outbox, state in real PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class DispatchFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static TestKafka kafka;
    private static CommandTopic commandTopic;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    private DispatchDatabase db;
    private Meters meters;
    private String north;
    private String south;

    @BeforeAll
    static void connect() {
        KafkaTestResource.broker().createTopics(
                List.of(Topics.DR_EVENTS, Topics.SITE_TELEMETRY, Topics.COMMAND_ACKS, Topics.SITE_COMMANDS), 3);
        kafka = new TestKafka(KafkaTestResource.bootstrapServers());
        commandTopic = new CommandTopic(KafkaTestResource.bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        commandTopic.close();
        kafka.close();
        // A figure for the record, not an assertion: how long commands waited in the outbox in this run.
        Timer delay = Arc.container().instance(MeterRegistry.class).get().find("gridflex.dispatch.relay.delay").timer();
        if (delay != null) {
            System.out.printf("relay delay, issue to Kafka ack: %d commands, mean %.1f ms, max %.1f ms%n",
                    delay.count(),
                    delay.mean(TimeUnit.MILLISECONDS), delay.max(TimeUnit.MILLISECONDS));
        }
    }

    @BeforeEach
    void twoFreshSites() {
        db = new DispatchDatabase(dataSource);
        meters = new Meters(registry);
        db.forgetSites();
        north = uniqueSite("north");
        south = uniqueSite("south");
        announce(north, 300);
        announce(south, 100);
    }

    @Test
    void eventIsSplitIntoOneShedPerSiteSummingToTheRequest() {
        DrEvent event = event(uniqueEventId(), 0, EventStatus.FAR, false, 120, 200, 80);

        kafka.send(Topics.DR_EVENTS, event.eventId(), json(event));

        List<SiteCommand> commands = awaitCommands(event.eventId(), 2);
        assertThat(commands).allSatisfy(c -> {
            assertThat(c.action()).isEqualTo(Action.SHED);
            assertThat(c.revision()).isZero();
            assertThat(c.start()).isEqualTo(event.start());
            assertThat(c.end()).isEqualTo(event.end());
            assertThat(c.commandId()).isEqualTo(SiteCommand.commandId(event.eventId(), 0, c.siteId()));
        });
        assertThat(shedBySite(commands)).isEqualTo(Map.of(north, 150.0, south, 50.0));
        assertThat(commandTopic.keysForEvent(event.eventId()))
                .containsExactlyInAnyOrderElementsOf(commands.stream().map(SiteCommand::siteId).toList());
        given().get("/api/events/" + event.eventId()).then().statusCode(200)
                .body("event.requestedKw", equalTo(200.0f))
                .body("event.allocatedKw", equalTo(200.0f))
                .body("event.shortfallKw", equalTo(0.0f))
                .body("event.outcome", equalTo("ALLOCATED"))
                .body("sites", hasSize(2));
    }

    @Test
    void duplicateEventIssuesNothingNew() {
        DrEvent event = event(uniqueEventId(), 1, EventStatus.FAR, false, 100);
        kafka.send(Topics.DR_EVENTS, event.eventId(), json(event));
        awaitCommands(event.eventId(), 2);
        double duplicates = meters.count("gridflex.dispatch.events.duplicate");
        String before = db.fingerprint();

        kafka.send(Topics.DR_EVENTS, event.eventId(), json(event));

        await().atMost(WAIT).until(() -> meters.count("gridflex.dispatch.events.duplicate") >= duplicates + 1);
        assertThat(db.fingerprint()).isEqualTo(before);
        assertNothingMorePublishedFor(event.eventId(), 2);
    }

    @Test
    void lowerRevisionIsIgnored() {
        String eventId = uniqueEventId();
        DrEvent current = event(eventId, 5, EventStatus.FAR, false, 100);
        kafka.send(Topics.DR_EVENTS, eventId, json(current));
        awaitCommands(eventId, 2);
        double outOfOrder = meters.count("gridflex.dispatch.events.out.of.order");
        String before = db.fingerprint();

        kafka.send(Topics.DR_EVENTS, eventId, json(event(eventId, 4, EventStatus.FAR, false, 400)));

        await().atMost(WAIT).until(() -> meters.count("gridflex.dispatch.events.out.of.order") >= outOfOrder + 1);
        assertThat(db.fingerprint()).isEqualTo(before);
        assertThat(db.modificationNumber(eventId)).containsExactly("5");
        assertNothingMorePublishedFor(eventId, 2);
    }

    @Test
    void higherRevisionIsReallocatedAndIssuedAsANewRevision() {
        String eventId = uniqueEventId();
        kafka.send(Topics.DR_EVENTS, eventId, json(event(eventId, 1, EventStatus.FAR, false, 100)));
        awaitCommands(eventId, 2);

        kafka.send(Topics.DR_EVENTS, eventId, json(event(eventId, 2, EventStatus.NEAR, false, 360)));

        List<SiteCommand> all = awaitCommands(eventId, 4);
        List<SiteCommand> revised = all.stream().filter(c -> c.revision() == 2).toList();
        assertThat(revised).extracting(SiteCommand::action).containsOnly(Action.SHED);
        assertThat(shedBySite(revised)).isEqualTo(Map.of(north, 270.0, south, 90.0));
        given().get("/api/events/" + eventId).then().statusCode(200)
                .body("event.modificationNumber", equalTo(2))
                .body("commands", hasSize(4))
                .body("sites.command.revision", everyItem(equalTo(2)));
    }

    @Test
    void cancellationSendsCancelToEverySiteThatWasShedding() {
        String eventId = uniqueEventId();
        kafka.send(Topics.DR_EVENTS, eventId, json(event(eventId, 0, EventStatus.FAR, false, 100)));
        awaitCommands(eventId, 2);

        kafka.send(Topics.DR_EVENTS, eventId, json(event(eventId, 1, EventStatus.CANCELLED, false, 100)));

        List<SiteCommand> cancels = awaitCommands(eventId, 4).stream().filter(c -> c.revision() == 1).toList();
        assertThat(cancels).extracting(SiteCommand::action).containsOnly(Action.CANCEL);
        assertThat(cancels).extracting(SiteCommand::siteId).containsExactlyInAnyOrder(north, south);
        assertThat(cancels).extracting(SiteCommand::shedKw).containsOnly(0.0);
    }

    @Test
    void testEventIsRecordedWithoutSheddingCommands() {
        String eventId = uniqueEventId();
        kafka.send(Topics.DR_EVENTS, eventId, json(event(eventId, 0, EventStatus.FAR, true, 100)));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/events/" + eventId).then().statusCode(200)
                .body("event.outcome", equalTo("TEST"))
                .body("event.testEvent", equalTo(true))
                .body("commands", hasSize(0)));
        assertThat(db.commandCount(eventId)).isZero();
    }

    @Test
    void eventAlreadyOverIsRecordedAndNothingIssued() {
        String eventId = uniqueEventId();
        DrEvent over = TestMessages.eventStarting(eventId, 0, EventStatus.ACTIVE, false,
                Instant.now().minus(Duration.ofHours(1)), 100);

        kafka.send(Topics.DR_EVENTS, eventId, json(over));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/events/" + eventId).then().statusCode(200)
                .body("event.outcome", equalTo("ENDED"))
                .body("commands", hasSize(0)));
        assertThat(db.commandCount(eventId)).isZero();
    }

    @Test
    void shortfallIsReportedWhenSitesCannotCoverTheRequest() {
        String eventId = uniqueEventId();
        double shortfalls = registry.find("gridflex.dispatch.allocation.shortfall").summary().totalAmount();

        kafka.send(Topics.DR_EVENTS, eventId, json(event(eventId, 0, EventStatus.FAR, false, 500)));

        assertThat(shedBySite(awaitCommands(eventId, 2))).isEqualTo(Map.of(north, 300.0, south, 100.0));
        given().get("/api/events").then().statusCode(200)
                .body("find { it.eventId == '" + eventId + "' }.shortfallKw", equalTo(100.0f))
                .body("find { it.eventId == '" + eventId + "' }.allocatedKw", equalTo(400.0f));
        assertThat(registry.find("gridflex.dispatch.allocation.shortfall").summary().totalAmount())
                .isEqualTo(shortfalls + 100.0);
    }

    @Test
    void staleSiteGetsNoShare() {
        String stale = uniqueSite("stale");
        kafka.send(Topics.SITE_TELEMETRY, stale,
                TestMessages.telemetryEnding(stale, 1000, Instant.now().minus(Duration.ofMinutes(10))));
        awaitSite(stale);
        String eventId = uniqueEventId();

        kafka.send(Topics.DR_EVENTS, eventId, json(event(eventId, 0, EventStatus.FAR, false, 40)));

        assertThat(shedBySite(awaitCommands(eventId, 2))).isEqualTo(Map.of(north, 30.0, south, 10.0));
        given().get("/api/sites").then().statusCode(200)
                .body("find { it.siteId == '" + stale + "' }.fresh", equalTo(false))
                .body("find { it.siteId == '" + north + "' }.fresh", equalTo(true));
    }

    @Test
    void siteAcksAreRecordedAndShownPerSite() {
        String eventId = uniqueEventId();
        kafka.send(Topics.DR_EVENTS, eventId, json(event(eventId, 0, EventStatus.FAR, false, 100)));
        SiteCommand toNorth = awaitCommands(eventId, 2).stream().filter(c -> c.siteId().equals(north)).findFirst()
                .orElseThrow();
        String accepted = TestMessages.ack(toNorth.commandId(), north, eventId, CommandAck.Status.ACCEPTED);
        double duplicates = meters.rejected(Topics.COMMAND_ACKS, "duplicate");

        kafka.send(Topics.COMMAND_ACKS, north, accepted);
        kafka.send(Topics.COMMAND_ACKS, north, accepted);

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/events/" + eventId).then().statusCode(200)
                .body("sites.find { it.siteId == '" + north + "' }.latestAck.status", equalTo("ACCEPTED"))
                .body("sites.find { it.siteId == '" + south + "' }.latestAck", equalTo(null)));
        await().atMost(WAIT).until(() -> meters.rejected(Topics.COMMAND_ACKS, "duplicate") >= duplicates + 1);
    }

    private void announce(String siteId, double sheddableKw) {
        kafka.send(Topics.SITE_TELEMETRY, siteId, telemetry(siteId, sheddableKw));
        awaitSite(siteId);
    }

    private void awaitSite(String siteId) {
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/sites").then().statusCode(200)
                .body("siteId", hasItem(siteId)));
    }

    private List<SiteCommand> awaitCommands(String eventId, int count) {
        await().atMost(WAIT).until(() -> commandTopic.forEvent(eventId).size() >= count);
        List<SiteCommand> commands = commandTopic.forEvent(eventId);
        assertThat(commands).hasSize(count);
        return commands;
    }

    /**
     * Proves no further command for the event was published: a later event's commands to the same sites land on the
     * same partitions behind anything the relay wrote earlier, so once they are read, an earlier one would have been.
     */
    private void assertNothingMorePublishedFor(String eventId, int expected) {
        String marker = uniqueEventId();
        kafka.send(Topics.DR_EVENTS, marker, json(event(marker, 0, EventStatus.FAR, false, 10)));
        awaitCommands(marker, 2);
        assertThat(commandTopic.forEvent(eventId)).hasSize(expected);
        assertThat(db.commandCount(eventId)).isEqualTo(expected);
    }

    private static Map<String, Double> shedBySite(List<SiteCommand> commands) {
        return commands.stream().collect(Collectors.toMap(SiteCommand::siteId, SiteCommand::shedKw));
    }
}
