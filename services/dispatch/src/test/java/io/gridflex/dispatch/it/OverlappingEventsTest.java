package io.gridflex.dispatch.it;

import static io.gridflex.dispatch.it.Operator.operator;
import static io.gridflex.dispatch.it.TestMessages.json;
import static io.gridflex.dispatch.it.TestMessages.now;
import static io.gridflex.dispatch.it.TestMessages.reduction;
import static io.gridflex.dispatch.it.TestMessages.telemetry;
import static io.gridflex.dispatch.it.TestMessages.unique;
import static io.gridflex.dispatch.it.TestMessages.uniqueEventId;
import static io.gridflex.dispatch.it.TestMessages.withIntervals;
import static io.gridflex.dispatch.it.TestMessages.withStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.gridflex.messages.DispatchStatus;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrEvent.EventStatus;
import io.gridflex.messages.DrInterval;
import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Overlapping events at the same sites, through real Kafka and PostgreSQL: each event's allocation adds to every
 * site's one schedule, never beyond what a site can shed at any instant, and a change to one event changes only that
 * event's part of the schedules.
 */
@QuarkusTest
@TestProfile(NoClosedLoop.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "dispatch"))
class OverlappingEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final Channels channels = new Channels();

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    private String program;
    private String north;
    private String south;

    /** Two sites of a fresh program: north can shed 300 kW, south 100 kW; north comes first in merit order. */
    @BeforeEach
    void fleet() {
        TwoSites fleet = TwoSites.register(1000, 300, 100, channels.kafka());
        program = fleet.program();
        north = fleet.first();
        south = fleet.second();
    }

    @Test
    void twoOverlappingEventsAddUpInOneSchedulePerSiteNeverBeyondCapacity() {
        Instant t0 = now().plus(Duration.ofMinutes(10));
        DrEvent a = reduction(uniqueEventId(), program, 0, t0, 30, 200);
        DrEvent b = reduction(uniqueEventId(), program, 0, t0.plus(Duration.ofMinutes(15)), 30, 250);

        send(a);
        awaitLatest(north, s -> s.segments().size() == 1);
        send(b);

        SiteSchedule northSchedule = awaitLatest(north, s -> s.segments().size() == 3);
        assertThat(northSchedule.segments()).extracting(ScheduleSegment::shedKw).containsExactly(200.0, 300.0,
                100.0);
        assertThat(northSchedule.segments().get(1).eventIds()).containsExactlyInAnyOrder(a.eventId(), b.eventId());
        assertThat(northSchedule.segments().get(0).start()).isEqualTo(a.start());
        assertThat(northSchedule.segments().get(2).end()).isEqualTo(b.end());
        SiteSchedule southSchedule = awaitLatest(south, s -> !s.segments().isEmpty());
        assertThat(southSchedule.segments()).singleElement().satisfies(s -> {
            assertThat(s.shedKw()).isEqualTo(100.0);
            assertThat(s.eventIds()).containsExactly(b.eventId());
            assertThat(s.start()).isEqualTo(b.start());
        });
        for (SiteSchedule schedule : List.of(northSchedule, southSchedule)) {
            assertThat(schedule.segments()).allSatisfy(s -> assertThat(s.contributions().stream()
                    .mapToDouble(ScheduleSegment.Contribution::kw).sum()).isEqualTo(s.shedKw()));
        }
        operator().get("/api/events/" + b.eventId()).then().statusCode(200)
                .body("event.requestedKw", org.hamcrest.Matchers.equalTo(250.0f))
                .body("event.allocatedKw", org.hamcrest.Matchers.equalTo(200.0f))
                .body("event.shortfallKw", org.hamcrest.Matchers.equalTo(50.0f))
                .body("event.state", org.hamcrest.Matchers.equalTo("SCHEDULED"));
        DispatchStatus status = awaitStatus(b.eventId(), s -> !s.canMeet());
        assertThat(status.shortfallKw()).isEqualTo(50.0);
        assertThat(status.committedKw()).isEqualTo(200.0);
        assertThat(channels.schedules().keysFor(north)).containsOnly(north);
    }

    @Test
    void anEventAnnouncedDuringAnotherLeavesTheSegmentUnderWayAsItWas() {
        DrEvent today = reduction(uniqueEventId(), program, 0, now().minusSeconds(60), 20, 100);
        send(today);
        SiteSchedule during = awaitLatest(north, s -> s.segments().size() == 1);
        List<String> piecesBefore = pieces(today.eventId());

        DrEvent tomorrow = reduction(uniqueEventId(), program, 0, now().plus(Duration.ofHours(20)), 60, 150);
        send(tomorrow);

        SiteSchedule after = awaitLatest(north, s -> s.segments().size() == 2);
        assertThat(after.revision()).isGreaterThan(during.revision());
        assertThat(after.segments().getFirst()).isEqualTo(during.segments().getFirst());
        assertThat(after.segments().get(1).eventIds()).containsExactly(tomorrow.eventId());
        assertThat(pieces(today.eventId())).isEqualTo(piecesBefore);
        assertThat(channels.schedules().forSite(south)).isEmpty();
        operator().get("/api/events/" + tomorrow.eventId()).then()
                .body("event.state", org.hamcrest.Matchers.equalTo("SCHEDULED"));
        operator().get("/api/events/" + today.eventId()).then()
                .body("event.state", org.hamcrest.Matchers.equalTo("ACTIVE"));
    }

    @Test
    void aModificationAndACancelMidEventChangeOnlyThatEventsPart() {
        Instant start = now().minusSeconds(30);
        DrEvent a = reduction(uniqueEventId(), program, 0, start, 30, 200);
        DrEvent b = reduction(uniqueEventId(), program, 0, start, 30, 150);
        send(a);
        awaitLatest(north, s -> shed(s, north) == 200.0);
        send(b);
        awaitLatest(south, s -> shed(s, south) == 50.0);
        List<String> bBefore = pieces(b.eventId());

        DrEvent lowered = withIntervals(a, 1, List.of(new DrInterval(a.start(), a.end(), new BigDecimal("120"))));
        send(lowered);

        SiteSchedule afterModification = awaitLatest(north, s -> shed(s, north) == 220.0);
        assertThat(pieces(b.eventId())).isEqualTo(bBefore);
        assertThat(afterModification.segmentAt(Instant.now()).orElseThrow().contributions())
                .extracting(ScheduleSegment.Contribution::eventId, ScheduleSegment.Contribution::kw)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(a.eventId(), 120.0),
                        org.assertj.core.groups.Tuple.tuple(b.eventId(), 100.0));
        List<String> aBefore = pieces(a.eventId());

        send(withStatus(b, 1, EventStatus.CANCELLED));

        SiteSchedule afterCancel = awaitLatest(north, s -> shed(s, north) == 120.0);
        assertThat(afterCancel.segments()).allSatisfy(s -> assertThat(s.eventIds()).containsExactly(a.eventId()));
        assertThat(awaitLatest(south, s -> s.segments().isEmpty()).segments()).isEmpty();
        assertThat(pieces(a.eventId())).isEqualTo(aBefore);
        operator().get("/api/events/" + b.eventId()).then()
                .body("event.state", org.hamcrest.Matchers.equalTo("CANCELLED"));
        assertThat(awaitStatus(b.eventId(), s -> s.state() == DispatchStatus.State.CANCELLED)).isNotNull();
    }

    @Test
    void anEventLongBeforeItsStartIsScheduledAndNotifiedOnceTheSitesAccept() {
        DrEvent event = reduction(uniqueEventId(), program, 0, now().plus(Duration.ofHours(20)), 60, 350);

        send(event);

        SiteSchedule northSchedule = awaitLatest(north, s -> !s.segments().isEmpty());
        SiteSchedule southSchedule = awaitLatest(south, s -> !s.segments().isEmpty());
        assertThat(northSchedule.segments().getFirst().start()).isEqualTo(event.start());
        assertThat(northSchedule.segmentAt(Instant.now())).isEmpty();
        operator().get("/api/events/" + event.eventId()).then()
                .body("event.state", org.hamcrest.Matchers.equalTo("SCHEDULED"));

        channels.kafka().send(Topics.scheduleAcks(north), north,
                TestMessages.accepted(north, northSchedule.revision()));
        channels.kafka().send(Topics.scheduleAcks(south), south,
                TestMessages.accepted(south, southSchedule.revision()));

        await().atMost(WAIT).untilAsserted(() -> operator().get("/api/events/" + event.eventId()).then()
                .body("event.state", org.hamcrest.Matchers.equalTo("NOTIFIED")));
        List<String> kinds = operator().get("/api/events/" + event.eventId() + "/timeline").then().statusCode(200)
                .extract().jsonPath().getList("kind");
        assertThat(kinds).contains("RECEIVED", "ALLOCATED", "SCHEDULED", "ACKNOWLEDGED", "STATE");
    }

    @Test
    void theSameEventAgainOlderOrAfterARestartChangesNothing() {
        DrEvent event = reduction(uniqueEventId(), program, 3, now().plus(Duration.ofMinutes(30)), 30, 150);
        send(event);
        awaitLatest(north, s -> !s.segments().isEmpty());
        DispatchDatabase db = new DispatchDatabase(dataSource);
        await().atMost(WAIT).until(() -> db.count("SELECT count(*) FROM dispatch.schedule_outbox") == 0
                && db.count("SELECT count(*) FROM dispatch.status_outbox WHERE published_at IS NULL") == 0);
        String before = db.fingerprint();
        double duplicates = new Meters(registry).count("gridflex.dispatch.events.duplicate");
        double outOfOrder = new Meters(registry).count("gridflex.dispatch.events.out.of.order");

        send(event);
        send(withStatus(event, 2, EventStatus.FAR));

        await().atMost(WAIT).until(() -> new Meters(registry).count("gridflex.dispatch.events.duplicate") > duplicates
                && new Meters(registry).count("gridflex.dispatch.events.out.of.order") > outOfOrder);
        assertThat(db.fingerprint()).isEqualTo(before);
    }

    @Test
    void eventsOfProgramsNotRegisteredOrFromAnotherVtnAreRecordedAndRefused() {
        DrEvent stranger = reduction(uniqueEventId(), unique("nobody"), 0, now().plusSeconds(600), 30, 100);
        send(stranger);

        await().atMost(WAIT).untilAsserted(() -> operator().get("/api/events/" + stranger.eventId()).then()
                .statusCode(200).body("event.outcome", org.hamcrest.Matchers.equalTo("UNKNOWN_PROGRAM")));
        assertThat(pieces(stranger.eventId())).isEmpty();
        assertThat(awaitStatus(stranger.eventId(), s -> !s.canMeet()).reason()).contains("not in the fleet registry");
    }

    @Test
    void telemetryFromASiteNotRegisteredIsRefusedWhateverItClaims() {
        String intruder = unique("intruder");
        double rejected = new Meters(registry).rejected(Topics.SITE_TELEMETRY, "unknown-site");

        channels.kafka().send(Topics.siteTelemetry(intruder), intruder, telemetry(intruder, 100000, 100000, 0));

        await().atMost(WAIT)
                .until(() -> new Meters(registry).rejected(Topics.SITE_TELEMETRY, "unknown-site") > rejected);
        assertThat(new DispatchDatabase(dataSource).count("SELECT count(*) FROM dispatch.site_live WHERE site_id = ?",
                intruder)).isZero();
        operator().get("/api/sites/" + intruder).then().statusCode(404);
    }

    private void send(DrEvent event) {
        channels.kafka().send(Topics.DR_EVENTS, event.eventId(), json(event));
    }

    private List<String> pieces(String eventId) {
        return new DispatchDatabase(dataSource).query("SELECT site_id || ' ' || starts_at || ' ' || ends_at || ' ' "
                + "|| kw FROM dispatch.pieces WHERE event_id = ? ORDER BY site_id, starts_at", eventId);
    }

    private static double shed(SiteSchedule schedule, String siteId) {
        return Schedules.shedNow(schedule);
    }

    private static SiteSchedule awaitLatest(String siteId, java.util.function.Predicate<SiteSchedule> condition) {
        return Schedules.awaitLatest(channels.schedules(), siteId, condition);
    }

    private static DispatchStatus awaitStatus(String eventId, java.util.function.Predicate<DispatchStatus> matching) {
        return Schedules.awaitStatus(channels.kafka(), eventId, matching);
    }
}
