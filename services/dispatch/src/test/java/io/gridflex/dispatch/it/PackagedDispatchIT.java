package io.gridflex.dispatch.it;

import static io.gridflex.dispatch.it.TestMessages.json;
import static io.gridflex.dispatch.it.TestMessages.now;
import static io.gridflex.dispatch.it.TestMessages.reduction;
import static io.gridflex.dispatch.it.TestMessages.telemetry;
import static io.gridflex.dispatch.it.TestMessages.unique;
import static io.gridflex.dispatch.it.TestMessages.uniqueEventId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.gridflex.testsupport.TestKafka;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged application, started as its own process against real PostgreSQL, Kafka and Keycloak. */
@QuarkusIntegrationTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "dispatch"))
class PackagedDispatchIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void packagedServiceTurnsAnEventIntoSchedulesAndIsReady() {
        DispatchInfrastructure.createTopics();
        String program = unique("program");
        String first = "a-" + unique("first");
        String second = "b-" + unique("second");
        Operator.program(program);
        Operator.site(first, program, 500, 500, 1);
        Operator.site(second, program, 500, 500, 2);
        DrEvent event = reduction(uniqueEventId(), program, 0, now().plusSeconds(600), 30, 90);
        try (TestKafka kafka = new TestKafka(KafkaTestResource.adminConfig());
                ScheduleTopic schedules = new ScheduleTopic(KafkaTestResource.adminConfig())) {
            kafka.send(Topics.siteTelemetry(first), first, telemetry(first, 1000, 60, 0));
            kafka.send(Topics.siteTelemetry(second), second, telemetry(second, 1000, 100, 0));
            await().atMost(WAIT).until(() -> Operator.operator().get("/api/sites/" + second).then().extract()
                    .jsonPath().getBoolean("fresh"));

            kafka.send(Topics.DR_EVENTS, event.eventId(), json(event));

            SiteSchedule firstSchedule = await().atMost(WAIT).until(() -> schedules.latest(first).orElse(null),
                    s -> s != null);
            SiteSchedule secondSchedule = await().atMost(WAIT).until(() -> schedules.latest(second).orElse(null),
                    s -> s != null);
            assertThat(firstSchedule.segments().getFirst().shedKw()).isEqualTo(60.0);
            assertThat(secondSchedule.segments().getFirst().shedKw()).isEqualTo(30.0);
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/api/sites").then().statusCode(401);
    }
}
