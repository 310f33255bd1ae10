package io.gridflex.gateway.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.gridflex.gateway.program.Programs;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.support.Api;
import io.gridflex.gateway.support.LateKafkaTestResource;
import io.gridflex.gateway.support.TestProgram;
import io.gridflex.gateway.support.VtnAdmin;
import io.gridflex.gateway.support.VtnSimulator;
import io.gridflex.gateway.support.VtnSimulatorTestResource;
import io.gridflex.infra.KafkaBroker;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaPrincipals;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.gridflex.testsupport.SharedInfrastructure;
import io.gridflex.testsupport.TestKafka;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Kafka is down when an event arrives: the event is still accepted, answered and stored, waits in the outbox, and is
 * published as soon as a broker is there and takes the gateway's credentials.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(LateKafkaTestResource.class)
@WithTestResource(VtnSimulatorTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "ven-gateway"))
class KafkaOutageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration CREDENTIALS_LATE = Duration.ofSeconds(8);

    @Inject
    Programs programs;

    @Inject
    MessageCodec codec;

    @Test
    void anEventAcceptedWhileKafkaIsDownIsPublishedWhenItComesBack() throws IOException {
        Registration registration = await("registration").atMost(PATIENCE)
                .until(() -> TestProgram.state(programs).current().orElse(null), r -> r != null);
        VtnAdmin vtn = new VtnAdmin(VtnSimulator.shared().baseUrl());
        Instant start = Instant.now().plus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.SECONDS);
        String vtnEventId = vtn.createEvent(registration.venId(), 900, start, 600);
        String eventId = registration.vtnId() + "/" + vtnEventId;

        JsonPath stored = await("event stored while Kafka is down").atMost(PATIENCE)
                .until(() -> Api.asOperator().get("/api/events/{id}", eventId).then().extract().jsonPath(),
                        json -> "optIn".equals(json.getString("optType")));
        assertThat(stored.getString("publishedAt")).isNull();
        given().get("/q/health/ready").then().statusCode(503);
        // The oadrCreatedEvent waits for the relay a moment at most: the event is stored, Kafka or not.
        await("the VTN answered while Kafka is down").atMost(PATIENCE)
                .until(() -> vtn.delivery(vtnEventId, registration.venId()).get("optType"), "optIn"::equals);

        try (KafkaBroker broker = KafkaBroker.start(LateKafkaTestResource.workDir(), LateKafkaTestResource.port());
                TestKafka kafka = new TestKafka(broker.adminConfig())) {
            SharedInfrastructure.createPlatformTopics(broker);
            // The broker is back before the gateway's credentials are: its producer is refused for a while, which
            // once wedged it for good (every later record expired), so the event never left the outbox.
            await("gateway refused by the new broker").pollDelay(CREDENTIALS_LATE).until(() -> true);
            KafkaPrincipals.ensure(broker, KafkaTestResource.principal());
            ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.DR_EVENTS,
                    r -> eventId.equals(r.key()), PATIENCE);

            DrEvent event = codec.decode(DrEvent.class, record.value());
            assertThat(event.modificationNumber()).isZero();
            assertThat(event.intervals().getFirst().value()).isEqualTo(new BigDecimal("900"));
            await("marked published").atMost(PATIENCE).until(() -> Api.asOperator().get("/api/events/{id}", eventId)
                    .then().extract().jsonPath().getString("publishedAt") != null);
        }
    }
}
