package io.gridflex.siteagent;

import static io.gridflex.siteagent.Schedules.event;
import static io.gridflex.siteagent.Schedules.segment;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleAck;
import io.gridflex.messages.ScheduleAck.Status;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.messages.Topics;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The broker goes away while the site sheds, for longer than the agent's producers keep a record
 * ({@link OwnKafkaResource#DELIVERY_TIMEOUT}): the agent keeps executing the schedule it holds (its next segment
 * included), restores the site at its end all the same, and every ack and telemetry interval it made meanwhile
 * reaches Kafka once the broker is back, in order, from its link journal.
 */
@QuarkusTest
@WithTestResource(OwnKafkaResource.class)
@WithTestResource(SimulatedSiteResource.class)
class KafkaLinkLossTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final MessageCodec CODEC = new MessageCodec();

    @Inject
    MeterRegistry registry;

    @Test
    void theHeldScheduleIsExecutedToItsEndWhileKafkaIsDownAndWhatItReportedMeanwhileArrivesAfter() {
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
        Instant down = Instant.now();
        try {
            await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
            // Nothing more arrives; the agent's own clock moves it to the second segment, then ends the schedule.
            await().atMost(PATIENCE).until(() -> awake(fleet) == 6);
            await().atMost(PATIENCE).untilAsserted(() -> {
                status().get("/api/status").then().body("phase", equalTo("IDLE"));
                assertThat(awake(fleet)).isEqualTo(8);
            });
            assertThat(Instant.now()).isAfter(end);
            // The producers gave up on what they were given (it expired in them): the records wait in the journal.
            await().atMost(PATIENCE).untilAsserted(() -> status().get("/api/status").then()
                    .body("link.state", equalTo("RETRYING"))
                    .body("link.lastFailure", containsString("TimeoutException"))
                    .body("link.bufferedRecords", greaterThan(0))
                    .body("link.droppedRecords", equalTo(0)));
        } finally {
            OwnKafkaResource.startBroker();
        }
        Instant up = Instant.now();

        try (AgentTopics topics = new AgentTopics(OwnKafkaResource.adminConfig(), site)) {
            ScheduleAck secondShed = topics.awaitAck(schedule.revision(), Status.SHED, second, PATIENCE);
            assertThat(secondShed.at()).isAfterOrEqualTo(second);
            topics.awaitAck(schedule.revision(), Status.RESTORING, second, PATIENCE);
            topics.awaitAck(schedule.revision(), Status.RESTORED, second, PATIENCE);

            // Every ack the agent made, once (a record sent again is the same record), in the order it made them.
            List<ScheduleAck> acks = topics.acks(a -> true).stream().distinct().toList();
            assertThat(acks).extracting(ScheduleAck::status).containsExactly(Status.ACCEPTED, Status.SHED,
                    Status.SHED, Status.RESTORING, Status.RESTORED);
            assertThat(acks).extracting(ScheduleAck::segmentStart).containsExactly(null, t, second, second, second);
            assertThat(acks).extracting(ScheduleAck::at).isSorted();
            assertThat(acks.subList(2, 5)).extracting(ScheduleAck::at)
                    .allMatch(at -> at.isAfter(down) && at.isBefore(up));
            assertThat((double) acks.size()).isEqualTo(acksMade());

            // Every telemetry interval the agent measured, before, during and after the outage, without a gap.
            double measured = counter("gridflex.site.telemetry.published");
            List<SiteTelemetry> intervals = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                intervals.clear();
                topics.kafka().poll(Topics.siteTelemetry(site), r -> site.equals(r.key()), Duration.ofSeconds(2))
                        .stream().map(r -> CODEC.decode(SiteTelemetry.class, r.value())).distinct()
                        .forEach(intervals::add);
                return intervals.size() >= measured;
            });
            for (int i = 1; i < intervals.size(); i++) {
                assertThat(intervals.get(i).intervalStart()).as("interval %d", i)
                        .isEqualTo(intervals.get(i - 1).intervalEnd());
            }
            assertThat(intervals).filteredOn(
                    interval -> interval.intervalStart().isAfter(down) && interval.intervalEnd().isBefore(up))
                    .isNotEmpty();
        }
        status().get("/api/status").then().body("link.droppedRecords", equalTo(0));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("gridflex_site_link_buffered_records "),
                        containsString("gridflex_site_link_buffered_bytes "),
                        containsString("gridflex_site_link_oldest_age_seconds "),
                        containsString("gridflex_site_link_sent_total{channel=\"schedule-acks\"}"),
                        containsString("gridflex_site_link_replayed_total{channel=\"site-telemetry\"}"));
    }

    /** The acks the agent published: decisions on revisions and segment steps, not the schedules it ignored. */
    private double acksMade() {
        return List.of("accepted", "rejected", "shed", "restoring", "restored").stream()
                .mapToDouble(outcome -> {
                    Counter counter = registry.find("gridflex.site.schedules").tag("outcome", outcome).counter();
                    return counter == null ? 0 : counter.count();
                }).sum();
    }

    private double counter(String name) {
        return registry.find(name).counter().count();
    }

    private static long awake(SimulatedFleet fleet) {
        return fleet.miners().stream().filter(SimulatedMiner::isAwake).count();
    }

    /** The status API as the site's operator. */
    private static io.restassured.specification.RequestSpecification status() {
        return given().auth().preemptive().basic("site-operator", SimulatedSiteResource.STATUS_PASSWORD);
    }
}
