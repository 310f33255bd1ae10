package io.gridflex.siteagent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.CommandAck;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.Topics;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The broker goes away while the site sheds: the agent keeps the command, restores the site at its end all the
 * same, and its acks reach Kafka once the broker is back.
 */
@QuarkusTest
@WithTestResource(OwnKafkaResource.class)
@WithTestResource(SimulatedSiteResource.class)
class KafkaLinkLossTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final MessageCodec CODEC = new MessageCodec();

    @Test
    void aShedCommandStillEndsAndRestoresWhileKafkaIsDown() {
        SimulatedFleet fleet = SimulatedSiteResource.fleet();
        String site = SimulatedSiteResource.SITE;
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        Instant now = Instant.now();
        String event = "ev-" + UUID.randomUUID();
        SiteCommand command = new SiteCommand(SiteCommand.commandId(event, 0, site), site, event, 0,
                SiteCommand.Action.SHED, 6, now, now.plusSeconds(20), now);

        try (TestKafka kafka = new TestKafka(OwnKafkaResource.bootstrapServers())) {
            kafka.send(Topics.SITE_COMMANDS, site, CODEC.encode(command));
            kafka.awaitRecord(Topics.COMMAND_ACKS, r -> isAck(r.value(), command, CommandAck.Status.SHED), PATIENCE);
        }
        assertThat(fleet.miners().stream().filter(SimulatedMiner::isAwake)).hasSize(6);

        OwnKafkaResource.stopBroker();
        try {
            await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
            // Nothing more arrives; the agent's own schedule ends the command and brings the load back.
            await().atMost(PATIENCE).untilAsserted(() -> {
                given().get("/api/status").then().body("activeCommand", equalTo(null));
                assertThat(fleet.miners().stream().filter(SimulatedMiner::isAwake)).hasSize(8);
            });
            assertThat(Instant.now()).isAfter(command.end());
        } finally {
            OwnKafkaResource.startBroker();
        }

        try (TestKafka kafka = new TestKafka(OwnKafkaResource.bootstrapServers())) {
            List<CommandAck.Status> reported = List.of(CommandAck.Status.RESTORING, CommandAck.Status.RESTORED);
            for (CommandAck.Status status : reported) {
                kafka.awaitRecord(Topics.COMMAND_ACKS, r -> isAck(r.value(), command, status), PATIENCE);
            }
        }
    }

    private static boolean isAck(String json, SiteCommand command, CommandAck.Status status) {
        CommandAck ack = CODEC.decode(CommandAck.class, json);
        return ack.commandId().equals(command.commandId()) && ack.status() == status;
    }
}
