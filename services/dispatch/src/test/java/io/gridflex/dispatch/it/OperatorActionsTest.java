package io.gridflex.dispatch.it;

import static io.gridflex.dispatch.it.Operator.auditor;
import static io.gridflex.dispatch.it.Operator.operator;
import static io.gridflex.dispatch.it.TestMessages.json;
import static io.gridflex.dispatch.it.TestMessages.now;
import static io.gridflex.dispatch.it.TestMessages.reduction;
import static io.gridflex.dispatch.it.TestMessages.uniqueEventId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.ScheduleSegment;
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
 * What operators do to the fleet: a manual test event (shed for real, carried as TEST), per-site overrides with an
 * expiry (events move off a held site at once), and the emergency shed-all and restore-all, each in the audit log.
 */
@QuarkusTest
@TestProfile(NoClosedLoop.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "dispatch"))
class OperatorActionsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final Channels channels = new Channels();

    private String program;
    private String first;
    private String second;

    @BeforeEach
    void fleet() {
        TwoSites fleet = TwoSites.register(500, 200, 200, channels.kafka());
        program = fleet.program();
        first = fleet.first();
        second = fleet.second();
    }

    @Test
    void aManualTestEventShedsForRealAsATestAndCanBeCancelled() {
        String eventId = operator().body(Map.of("programId", program, "reductionKw", 250, "durationSeconds", 600,
                "reason", "quarterly response test")).post("/api/manual-events").then().statusCode(201)
                .body("eventId", startsWith("operator/manual-")).body("source", equalTo("OPERATOR"))
                .body("allocatedKw", equalTo(250.0f)).extract().path("eventId");

        SiteSchedule schedule = awaitLatest(first, s -> !s.segments().isEmpty());
        assertThat(schedule.segments().getFirst().contributions()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ScheduleSegment.Kind.TEST);
            assertThat(c.eventId()).isEqualTo(eventId);
        });
        operator().body(Map.of("reason", "done")).post("/api/manual-events/" + eventId + "/cancel").then()
                .statusCode(200).body("state", equalTo("CANCELLED"));
        awaitLatest(first, s -> s.segmentAt(Instant.now()).isEmpty());
        assertThat(auditor().queryParam("target", "event/" + eventId).get("/api/audit").then().extract().jsonPath()
                .getList("action")).containsExactly("event.cancel", "event.manual");
    }

    @Test
    void aUtilityEventCannotBeCancelledByHandAndBadRequestsAreRefused() {
        DrEvent event = reduction(uniqueEventId(), program, 0, now().plusSeconds(3600), 30, 100);
        channels.kafka().send(Topics.DR_EVENTS, event.eventId(), json(event));
        await().atMost(WAIT).until(() -> operator().get("/api/events/" + event.eventId()).statusCode() == 200);

        operator().body(Map.of("reason", "no")).post("/api/manual-events/" + event.eventId() + "/cancel").then()
                .statusCode(409).body("error", equalTo("not-manual"));
        operator().body(Map.of("reductionKw", -5, "durationSeconds", 0)).post("/api/manual-events").then()
                .statusCode(400).body("detail", containsString("reductionKw"))
                .body("detail", containsString("durationSeconds")).body("detail", containsString("reason"));
        operator().body(Map.of("kind", "HOLD", "kw", 5, "until", now().minusSeconds(1).toString(), "reason", "x"))
                .post("/api/sites/" + first + "/overrides").then().statusCode(400)
                .body("detail", containsString("names no kW")).body("detail", containsString("until"));
        operator().body(Map.of("kind", "HOLD", "until", now().plusSeconds(60).toString(), "reason", "x"))
                .post("/api/sites/nobody/overrides").then().statusCode(404);
        // Each site reports 200 kW it could shed: asking for more is refused, and nothing is overridden.
        operator().body(Map.of("kind", "SHED", "kw", 250, "until", now().plusSeconds(60).toString(), "reason", "x"))
                .post("/api/sites/" + first + "/overrides").then().statusCode(400)
                .body("error", equalTo("impossible-target")).body("detail", containsString("at most 200.0 kW"));
        operator().body(Map.of("programId", program, "reductionKw", 401, "durationSeconds", 60, "reason", "x"))
                .post("/api/manual-events").then().statusCode(400).body("error", equalTo("impossible-target"))
                .body("detail", containsString("at most 400.0 kW"));
        assertThat(operator().get("/api/overrides").then().extract().jsonPath().getList("siteId"))
                .doesNotContain(first);
        auditor().body(Map.of("kind", "HOLD", "until", now().plusSeconds(60).toString(), "reason", "x"))
                .post("/api/sites/" + first + "/overrides").then().statusCode(403);
    }

    @Test
    void holdingASiteMovesItsShareAtOnceAndClearingTheHoldLetsItBack() {
        DrEvent event = reduction(uniqueEventId(), program, 0, now().plusSeconds(3600), 30, 150);
        channels.kafka().send(Topics.DR_EVENTS, event.eventId(), json(event));
        awaitLatest(first, s -> shedAhead(s) == 150.0);

        int overrideId = operator().body(Map.of("kind", "HOLD", "until", now().plus(Duration.ofHours(3)).toString(),
                "reason", "transformer maintenance")).post("/api/sites/" + first + "/overrides").then()
                .statusCode(201).extract().path("overrideId");

        awaitLatest(first, s -> s.segments().isEmpty());
        awaitLatest(second, s -> shedAhead(s) == 150.0);

        operator().delete("/api/overrides/" + overrideId).then().statusCode(200)
                .body("clearedBy", equalTo("olivia"));
        operator().delete("/api/overrides/" + overrideId).then().statusCode(404);
        // The event is met by the second site; nothing is moved back just because the first is free again.
        assertThat(channels.schedules().latest(second).map(OperatorActionsTest::shedAhead).orElse(0.0))
                .isEqualTo(150.0);
    }

    @Test
    void aShedOverrideIsAReductionOfItsOwnAndEventsKeepOnlyWhatIsLeft() {
        DrEvent event = reduction(uniqueEventId(), program, 0, now().minusSeconds(10), 30, 150);
        channels.kafka().send(Topics.DR_EVENTS, event.eventId(), json(event));
        awaitLatest(first, s -> shedNow(s) == 150.0);

        operator().body(Map.of("kind", "SHED", "kw", 120, "until", now().plus(Duration.ofHours(1)).toString(),
                "reason", "local grid request")).post("/api/sites/" + first + "/overrides").then().statusCode(201);

        SiteSchedule held = awaitLatest(first, s -> shedNow(s) == 200.0);
        assertThat(held.segmentAt(Instant.now()).orElseThrow().contributions())
                .extracting(ScheduleSegment.Contribution::kind, ScheduleSegment.Contribution::kw)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(ScheduleSegment.Kind.OVERRIDE, 120.0),
                        org.assertj.core.groups.Tuple.tuple(ScheduleSegment.Kind.EVENT, 80.0));
        awaitLatest(second, s -> shedNow(s) == 70.0);
    }

    @Test
    void restoreAllEmptiesEverySchedulesAndShedAllFillsThem() {
        DrEvent event = reduction(uniqueEventId(), program, 0, now().minusSeconds(10), 30, 150);
        channels.kafka().send(Topics.DR_EVENTS, event.eventId(), json(event));
        awaitLatest(first, s -> shedNow(s) == 150.0);

        operator().body(Map.of("until", now().plus(Duration.ofMinutes(30)).toString(), "reason", "grid emergency"))
                .post("/api/fleet/restore-all").then().statusCode(200);

        awaitLatest(first, s -> s.segments().isEmpty());
        assertThat(channels.schedules().latest(second).map(OperatorActionsTest::shedNow).orElse(0.0)).isZero();
        operator().get("/api/events/" + event.eventId()).then().body("event.shortfallKw", equalTo(150.0f));

        clearOverrides();
        try {
            operator().body(Map.of("until", now().plus(Duration.ofMinutes(30)).toString(), "reason",
                    "shed everything")).post("/api/fleet/shed-all").then().statusCode(200);

            awaitLatest(first, s -> shedNow(s) == 200.0);
            awaitLatest(second, s -> shedNow(s) == 200.0);
            List<String> actions = auditor().get("/api/audit").then().extract().jsonPath().getList("action");
            assertThat(actions).contains("override.create", "override.clear");
        } finally {
            // The emergency reached every site of the shared registry: leave none overridden for later tests.
            clearOverrides();
        }
    }

    private static void clearOverrides() {
        operator().get("/api/overrides").then().extract().jsonPath().getList("overrideId", Integer.class)
                .forEach(id -> operator().delete("/api/overrides/" + id).then().statusCode(200));
    }

    private static double shedNow(SiteSchedule schedule) {
        return Schedules.shedNow(schedule);
    }

    private static double shedAhead(SiteSchedule schedule) {
        return Schedules.shedFirst(schedule);
    }

    private static SiteSchedule awaitLatest(String siteId, java.util.function.Predicate<SiteSchedule> condition) {
        return Schedules.awaitLatest(channels.schedules(), siteId, condition);
    }
}
