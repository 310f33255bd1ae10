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
import io.gridflex.messages.SiteSchedule;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged agent, as deploy/local runs it, executing a schedule at a simulated site over a real broker. */
@QuarkusIntegrationTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SimulatedSiteResource.class)
class SiteAgentIT {

    @Test
    void thePackagedAgentShedsAndRestores() {
        SimulatedFleet fleet = SimulatedSiteResource.fleet();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200));
        double before = fleet.powerW();
        Instant t = Instant.now();

        try (AgentTopics topics = new AgentTopics(KafkaTestResource.adminConfig(), SimulatedSiteResource.SITE)) {
            SiteSchedule schedule = topics.send(segment(t, t.plusSeconds(8), event("vtn/ev-1", 5)));

            await().atMost(Duration.ofSeconds(30)).until(() -> before - fleet.powerW() >= 5_000);
            ScheduleAck restored = topics.awaitAck(schedule.revision(), ScheduleAck.Status.RESTORED, t,
                    Duration.ofSeconds(60));
            assertThat(restored.siteId()).isEqualTo(SimulatedSiteResource.SITE);
        }
        status().get("/api/status").then().statusCode(200).body("phase", equalTo("IDLE"));
    }

    /** The status API as the site's operator. */
    private static io.restassured.specification.RequestSpecification status() {
        return given().auth().preemptive().basic("site-operator", SimulatedSiteResource.STATUS_PASSWORD);
    }
}
