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
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrEvent.EventStatus;
import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.gridflex.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged application, started as its own process against real PostgreSQL and Kafka. */
@QuarkusIntegrationTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class PackagedDispatchIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void packagedServiceDispatchesAnEventAndIsReady() {
        KafkaTestResource.broker().createTopics(
                List.of(Topics.DR_EVENTS, Topics.SITE_TELEMETRY, Topics.COMMAND_ACKS, Topics.SITE_COMMANDS), 3);
        String first = uniqueSite("first");
        String second = uniqueSite("second");
        DrEvent event = event(uniqueEventId(), 0, EventStatus.FAR, false, 90);
        try (TestKafka kafka = new TestKafka(KafkaTestResource.bootstrapServers());
                CommandTopic commands = new CommandTopic(KafkaTestResource.bootstrapServers())) {
            kafka.send(Topics.SITE_TELEMETRY, first, telemetry(first, 200));
            kafka.send(Topics.SITE_TELEMETRY, second, telemetry(second, 100));
            await().atMost(WAIT).untilAsserted(() -> given().get("/api/sites").then()
                    .body("siteId", hasItem(first)).body("siteId", hasItem(second)));

            kafka.send(Topics.DR_EVENTS, event.eventId(), json(event));

            await().atMost(WAIT).until(() -> commands.forEvent(event.eventId()).size() >= 2);
            Map<String, Double> shares = commands.forEvent(event.eventId()).stream()
                    .collect(Collectors.toMap(SiteCommand::siteId, SiteCommand::shedKw));
            assertThat(shares).isEqualTo(Map.of(first, 60.0, second, 30.0));
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
