package io.gridflex.dispatch.it;

import static io.gridflex.dispatch.it.TestMessages.event;
import static io.gridflex.dispatch.it.TestMessages.json;
import static io.gridflex.dispatch.it.TestMessages.telemetry;
import static io.gridflex.dispatch.it.TestMessages.uniqueEventId;
import static io.gridflex.dispatch.it.TestMessages.uniqueSite;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.gridflex.infra.KafkaBroker;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrEvent.EventStatus;
import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.gridflex.testsupport.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The outbox keeps commands while the broker they go to is down and publishes them once it is back: events arrive
 * through the shared broker, commands leave through a second one that the test stops and restarts.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(CommandBrokerResource.class)
class KafkaOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static KafkaBroker restarted;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @AfterAll
    static void stopRestartedBroker() {
        if (restarted != null) {
            restarted.close();
        }
    }

    @Test
    void commandsWaitInTheOutboxWhileKafkaIsDownAndGoOutWhenItIsBack() throws Exception {
        DispatchDatabase db = new DispatchDatabase(dataSource);
        Meters meters = new Meters(registry);
        String commandBroker = "127.0.0.1:" + System.getProperty(CommandBrokerResource.PORT);
        KafkaTestResource.broker().createTopics(List.of(Topics.DR_EVENTS, Topics.SITE_TELEMETRY), 3);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, commandBroker))) {
            admin.createTopics(List.of(new NewTopic(Topics.SITE_COMMANDS, 3, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
        }
        try (TestKafka events = new TestKafka(KafkaTestResource.bootstrapServers())) {
            db.forgetSites();
            String east = uniqueSite("east");
            String west = uniqueSite("west");
            events.send(Topics.SITE_TELEMETRY, east, telemetry(east, 60));
            events.send(Topics.SITE_TELEMETRY, west, telemetry(west, 20));
            await().atMost(WAIT).untilAsserted(() -> given().get("/api/sites").then()
                    .body("siteId", hasItem(east)).body("siteId", hasItem(west)));

            DrEvent before = event(uniqueEventId(), 0, EventStatus.FAR, false, 40);
            events.send(Topics.DR_EVENTS, before.eventId(), json(before));
            await().atMost(WAIT).until(() -> db.commandCount(before.eventId()) == 2
                    && db.unpublishedCount(before.eventId()) == 0);

            stopCommandBroker();
            double failures = meters.count("gridflex.dispatch.relay.failures");
            DrEvent during = event(uniqueEventId(), 0, EventStatus.FAR, false, 80);
            events.send(Topics.DR_EVENTS, during.eventId(), json(during));

            await().atMost(WAIT).until(() -> meters.count("gridflex.dispatch.relay.failures") > failures);
            assertThat(db.commandCount(during.eventId())).isEqualTo(2);
            assertThat(db.unpublishedCount(during.eventId())).isEqualTo(2);
            assertThat(registry.find("gridflex.dispatch.relay.pending").gauge().value()).isGreaterThanOrEqualTo(2);

            restarted = KafkaBroker.start(Path.of(System.getProperty(CommandBrokerResource.DIR)),
                    Integer.getInteger(CommandBrokerResource.PORT));

            await().atMost(WAIT).until(() -> db.unpublishedCount(during.eventId()) == 0);
            try (CommandTopic topic = new CommandTopic(commandBroker)) {
                await().atMost(WAIT).until(() -> topic.forEvent(during.eventId()).size() >= 2);
                List<SiteCommand> published = topic.forEvent(during.eventId());
                Map<String, Double> shares = published.stream()
                        .collect(Collectors.toMap(SiteCommand::siteId, SiteCommand::shedKw));
                assertThat(shares).isEqualTo(Map.of(east, 60.0, west, 20.0));
                assertThat(topic.forEvent(before.eventId())).hasSize(2);
            }
        }
    }

    /** Stops the broker the resource started, by its pid, and waits until it has exited and freed its port. */
    private static void stopCommandBroker() throws Exception {
        ProcessHandle broker = ProcessHandle.of(Long.getLong(CommandBrokerResource.PID)).orElseThrow();
        broker.destroy();
        broker.onExit().get(60, TimeUnit.SECONDS);
    }
}
