package io.gridflex.dispatch.it;

import static io.gridflex.dispatch.it.Operator.operator;
import static io.gridflex.dispatch.it.TestMessages.json;
import static io.gridflex.dispatch.it.TestMessages.now;
import static io.gridflex.dispatch.it.TestMessages.reduction;
import static io.gridflex.dispatch.it.TestMessages.uniqueEventId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.gridflex.messages.DispatchStatus;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The closed loop against sites reporting through real Kafka: a site that delivers less than its target, or falls
 * silent, has what it cannot deliver moved to sites with headroom; when the fleet cannot cover it, ven-gateway is
 * told the event is not met. The seconds it took are printed, not asserted (docs/benchmarks.md records them).
 */
@QuarkusTest
@TestProfile(FastClosedLoop.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "dispatch"))
class ClosedLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final Channels channels = new Channels();
    private TelemetryFeed feed;
    private String program;
    private String first;
    private String second;

    @BeforeEach
    void fleet() {
        feed = new TelemetryFeed(channels.kafka());
        TwoSites fleet = TwoSites.register(500, 200, 200, null);
        program = fleet.program();
        first = fleet.first();
        second = fleet.second();
        feed.report(first, 1000, 200, 0);
        feed.report(second, 1000, 200, 0);
        fleet.awaitFresh();
    }

    @AfterEach
    void stopFeed() {
        feed.close();
    }

    @Test
    void whatAShortSiteCannotDeliverMovesToASiteWithHeadroom() {
        DrEvent event = reduction(uniqueEventId(), program, 0, now(), 10, 150);
        channels.kafka().send(Topics.DR_EVENTS, event.eventId(), json(event));
        awaitLatest(first, s -> shedNow(s) == 150.0);
        // The first site's miners manage only 60 kW: it has nothing more to stop.
        Instant shortFrom = Instant.now();
        feed.report(first, 1000, 0, 60);

        SiteSchedule moved = awaitLatest(second, s -> shedNow(s) == 90.0);
        System.out.printf("closed loop: 90 kW moved from a short site to one with headroom %d ms after the short "
                + "site's report (grace 2 s, rounds every 500 ms)%n",
                Duration.between(shortFrom,
                        moved.issuedAt()).toMillis());
        awaitLatest(first, s -> shedNow(s) == 60.0);
        feed.report(second, 1000, 110, 90);
        awaitStatus(event.eventId(), DispatchStatus::canMeet);
        List<String> kinds = operator().get("/api/events/" + event.eventId() + "/timeline").then().extract()
                .jsonPath().getList("kind");
        assertThat(kinds).contains("SHORTFALL");
        assertThat(moved.segmentAt(Instant.now()).orElseThrow().eventIds()).containsExactly(event.eventId());
    }

    @Test
    void aSiteThatFallsSilentIsTakenToDeliverNothingAndTheGatewayHearsWhenTheFleetCannotMeetTheEvent() {
        DrEvent event = reduction(uniqueEventId(), program, 0, now(), 10, 300);
        channels.kafka().send(Topics.DR_EVENTS, event.eventId(), json(event));
        awaitLatest(first, s -> shedNow(s) == 200.0);
        awaitLatest(second, s -> shedNow(s) == 100.0);
        feed.report(second, 1000, 100, 100);

        feed.silence(first);

        awaitLatest(second, s -> shedNow(s) == 200.0);
        DispatchStatus status = awaitStatus(event.eventId(), s -> !s.canMeet() && s.shortfallKw() >= 100);
        assertThat(status.state()).isEqualTo(DispatchStatus.State.ACTIVE);
        assertThat(status.reason()).isNotBlank();
    }

    private static double shedNow(SiteSchedule schedule) {
        return Schedules.shedNow(schedule);
    }

    private static SiteSchedule awaitLatest(String siteId, java.util.function.Predicate<SiteSchedule> condition) {
        return Schedules.awaitLatest(channels.schedules(), siteId, condition);
    }

    private static DispatchStatus awaitStatus(String eventId, java.util.function.Predicate<DispatchStatus> matching) {
        return Schedules.awaitStatus(channels.kafka(), eventId, matching);
    }
}
