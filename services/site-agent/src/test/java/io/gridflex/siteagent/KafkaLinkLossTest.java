package io.gridflex.siteagent;

import static io.gridflex.siteagent.Schedules.event;
import static io.gridflex.siteagent.Schedules.segment;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.ScheduleAck;
import io.gridflex.messages.ScheduleAck.Status;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The broker goes away while the site sheds: the agent keeps executing the schedule it holds (its next segment
 * included), restores the site at its end all the same, and its acks reach Kafka once the broker is back.
 */
@QuarkusTest
@WithTestResource(OwnKafkaResource.class)
@WithTestResource(SimulatedSiteResource.class)
class KafkaLinkLossTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void theHeldScheduleIsExecutedToItsEndWhileKafkaIsDown() {
        SimulatedFleet fleet = SimulatedSiteResource.fleet();
        String site = SimulatedSiteResource.SITE;
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        Instant t = Instant.now();
        Instant second = t.plusSeconds(15);
        Instant end = t.plusSeconds(25);
        SiteSchedule schedule;

        try (AgentTopics topics = new AgentTopics(OwnKafkaResource.adminConfig(), site)) {
            schedule = topics.send(segment(t, second, event("vtn/ev-1", 2.5)),
                    segment(second, end, event("vtn/ev-1", 2.5), event("vtn/ev-2", 2.5)));
            topics.awaitAck(schedule.revision(), Status.SHED, t, PATIENCE);
        }
        assertThat(awake(fleet)).isEqualTo(7);

        OwnKafkaResource.stopBroker();
        try {
            await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
            // Nothing more arrives; the agent's own clock moves it to the second segment, then ends the schedule.
            await().atMost(PATIENCE).until(() -> awake(fleet) == 6);
            await().atMost(PATIENCE).untilAsserted(() -> {
                status().get("/api/status").then().body("phase", equalTo("IDLE"));
                assertThat(awake(fleet)).isEqualTo(8);
            });
            assertThat(Instant.now()).isAfter(end);
        } finally {
            OwnKafkaResource.startBroker();
        }

        try (AgentTopics topics = new AgentTopics(OwnKafkaResource.adminConfig(), site)) {
            ScheduleAck secondShed = topics.awaitAck(schedule.revision(), Status.SHED, second, PATIENCE);
            assertThat(secondShed.at()).isAfterOrEqualTo(second);
            topics.awaitAck(schedule.revision(), Status.RESTORING, second, PATIENCE);
            topics.awaitAck(schedule.revision(), Status.RESTORED, second, PATIENCE);
        }
    }

    private static long awake(SimulatedFleet fleet) {
        return fleet.miners().stream().filter(SimulatedMiner::isAwake).count();
    }

    /** The status API as the site's operator. */
    private static io.restassured.specification.RequestSpecification status() {
        return given().auth().preemptive().basic("site-operator", SimulatedSiteResource.STATUS_PASSWORD);
    }
}
