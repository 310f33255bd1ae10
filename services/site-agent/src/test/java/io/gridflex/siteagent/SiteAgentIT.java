package io.gridflex.siteagent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.CommandAck;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.Topics;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged agent, as deploy/local runs it, shedding and restoring a simulated site over a real broker. */
@QuarkusIntegrationTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SimulatedSiteResource.class)
class SiteAgentIT {

    private static final MessageCodec CODEC = new MessageCodec();

    @Test
    void thePackagedAgentShedsAndRestores() {
        SimulatedFleet fleet = SimulatedSiteResource.fleet();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200));
        double before = fleet.powerW();
        Instant now = Instant.now();
        String event = "ev-" + UUID.randomUUID();
        SiteCommand command = new SiteCommand(SiteCommand.commandId(event, 0, SimulatedSiteResource.SITE),
                SimulatedSiteResource.SITE, event, 0, SiteCommand.Action.SHED, 6, now, now.plusSeconds(8), now);

        try (TestKafka kafka = new TestKafka(KafkaTestResource.bootstrapServers())) {
            kafka.send(Topics.SITE_COMMANDS, SimulatedSiteResource.SITE, CODEC.encode(command));

            await().atMost(Duration.ofSeconds(30)).until(() -> before - fleet.powerW() >= 6_000);
            CommandAck restored = CODEC.decode(CommandAck.class, kafka.awaitRecord(Topics.COMMAND_ACKS,
                    r -> r.value().contains(command.commandId()) && r.value().contains("\"RESTORED\""),
                    Duration.ofSeconds(60)).value());
            assertThat(restored.siteId()).isEqualTo(SimulatedSiteResource.SITE);
        }
        given().get("/api/status").then().statusCode(200).body("activeCommand", equalTo(null));
    }
}
