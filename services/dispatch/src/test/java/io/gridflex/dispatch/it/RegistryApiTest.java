package io.gridflex.dispatch.it;

import static io.gridflex.dispatch.it.Operator.auditor;
import static io.gridflex.dispatch.it.Operator.operator;
import static io.gridflex.dispatch.it.Operator.siteBody;
import static io.gridflex.dispatch.it.TestMessages.json;
import static io.gridflex.dispatch.it.TestMessages.now;
import static io.gridflex.dispatch.it.TestMessages.reduction;
import static io.gridflex.dispatch.it.TestMessages.telemetry;
import static io.gridflex.dispatch.it.TestMessages.unique;
import static io.gridflex.dispatch.it.TestMessages.uniqueEventId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.gridflex.messages.DispatchStatus;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The fleet registry through the operator API, behind real Keycloak tokens: who may do what, every bad definition
 * refused with a reason and nothing changed, stale versions refused, every change in the audit log, and a site's
 * removal moving its share of events to the other sites.
 */
@QuarkusTest
@TestProfile(NoClosedLoop.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "dispatch"))
class RegistryApiTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final Channels channels = new Channels();

    @Inject
    DataSource dataSource;

    @Test
    void withoutATokenNothingIsAnsweredAndAnAuditorOnlyReads() {
        given().get("/api/sites").then().statusCode(401);
        given().contentType(ContentType.JSON).body(siteBody(unique("s"), "p", 1, 1, 1)).post("/api/sites").then()
                .statusCode(401);
        auditor().get("/api/sites").then().statusCode(200);
        auditor().body(Map.of("programId", unique("p"))).post("/api/programs").then().statusCode(403);
        String billing = KeycloakTestResource.accessToken("bill", KeycloakTestResource.demoPassword());
        given().auth().oauth2(billing).get("/api/events").then().statusCode(403);
    }

    @Test
    void aSiteIsRegisteredReadChangedWithItsVersionAndAudited() {
        String program = unique("program");
        Operator.program(program);
        String site = unique("site");

        operator().body(siteBody(site, program, 400, 500, 10)).post("/api/sites").then().statusCode(201)
                .header("Location", containsString("/api/sites/" + site))
                .body("site.version", equalTo(1)).body("site.createdBy", equalTo("olivia"))
                .body("site.status", equalTo("ACTIVE")).body("fresh", equalTo(false));
        operator().body(siteBody(site, program, 400, 500, 10)).post("/api/sites").then().statusCode(409)
                .body("error", equalTo("site-exists"));

        Map<String, Object> change = new HashMap<>(siteBody(site, program, 300, 500, 5));
        change.put("version", 1);
        operator().body(change).put("/api/sites/" + site).then().statusCode(200)
                .body("site.version", equalTo(2)).body("site.priority", equalTo(5))
                .body("site.enrollments[0].enrolledKw", equalTo(300.0f));
        operator().body(change).put("/api/sites/" + site).then().statusCode(409)
                .body("error", equalTo("stale-version")).body("detail", containsString("version 2, not 1"));

        List<String> actions = auditor().queryParam("target", "site/" + site).get("/api/audit").then()
                .statusCode(200).extract().jsonPath().getList("action");
        assertThat(actions).containsExactly("site.update", "site.create");
        assertThat(auditor().queryParam("target", "site/" + site).get("/api/audit").then().extract().jsonPath()
                .getInt("[0].detail.before.priority")).isEqualTo(10);
    }

    @Test
    void badDefinitionsAreRefusedWithEveryReasonAndChangeNothing() {
        String program = unique("program");
        Operator.program(program);
        String before = new DispatchDatabase(dataSource).fingerprint();
        Map<String, Object> bad = new HashMap<>(siteBody("bad id", "no-such-program", 900, 500, 10));
        bad.put("timeZone", "Mars/Olympus");

        operator().body(bad).post("/api/sites").then().statusCode(400).body("error", equalTo("invalid-site"))
                .body("detail", containsString("siteId")).body("detail", containsString("Mars/Olympus"))
                .body("detail", containsString("more than the site's maxShedKw"));
        operator().body(siteBody(unique("s"), "no-such-program", 100, 500, 10)).post("/api/sites").then()
                .statusCode(400).body("detail", containsString("no program no-such-program"));
        operator().body("{\"siteId\": \"x\", \"surprise\": 1}").post("/api/sites").then().statusCode(400)
                .body("error", equalTo("invalid-json")).body("detail", containsString("surprise"));
        operator().body("{not json").post("/api/sites").then().statusCode(400).body("error", equalTo("invalid-json"));
        operator().body(Map.of("programId", program, "name", "x", "levelShares", List.of(1, 0.5, 0.2), "currency",
                "XXY", "timeZone", "UTC", "version", 1)).put("/api/programs/" + program).then().statusCode(400)
                .body("detail", containsString("higher level")).body("detail", containsString("ISO 4217"));
        operator().body(Map.of("siteIds", List.of("nobody"))).put("/api/programs/" + program + "/targets/group/g1")
                .then().statusCode(400).body("detail", containsString("not active sites enrolled"));
        operator().body(Map.of("siteIds", List.of("x"))).put("/api/programs/" + program + "/targets/zone/g1")
                .then().statusCode(400).body("detail", containsString("resource or group"));
        operator().get("/api/sites/nobody-here").then().statusCode(404).body("error", equalTo("unknown-site"));

        assertThat(new DispatchDatabase(dataSource).fingerprint()).isEqualTo(before);
    }

    @Test
    void resourcesAndGroupsNarrowAnEventToTheirSites() {
        TwoSites fleet = TwoSites.register(500, 400, 400, channels.kafka());
        String program = fleet.program();
        String north = fleet.first();
        String south = fleet.second();
        operator().body(Map.of("siteIds", List.of(south))).put("/api/programs/" + program + "/targets/group/west")
                .then().statusCode(200).body("siteIds", equalTo(List.of(south)));

        DrEvent west = reduction(uniqueEventId(), program, 0, now().plusSeconds(3600), 30, 150);
        DrEvent targeted = new DrEvent(west.eventId(), west.vtnId(), west.vtnEventId(), 0, program,
                west.marketContext(), west.status(), west.start(), west.end(), west.signal(), null, west.intervals(),
                new DrEvent.Targets(List.of("unknown-meter"), List.of("west")), 0, 0, false, west.receivedAt());
        channels.kafka().send(Topics.DR_EVENTS, targeted.eventId(), json(targeted));

        await().atMost(WAIT).until(() -> channels.schedules().latest(south).isPresent());
        assertThat(channels.schedules().latest(south).orElseThrow().segments().getFirst().shedKw()).isEqualTo(150.0);
        assertThat(channels.schedules().latest(north)).isEmpty();
        operator().get("/api/events/" + targeted.eventId()).then()
                .body("event.outcomeDetail", containsString("unknown resource unknown-meter"));
    }

    /** What the gateway needs to opt out one resource of an event: each named resource with its part in it. */
    @Test
    void theStatusOfAnEventNamingResourcesSaysWhatEachResourceHolds() {
        TwoSites fleet = TwoSites.register(500, 400, 400, channels.kafka());
        String program = fleet.program();
        operator().body(Map.of("siteIds", List.of(fleet.first()))).put("/api/programs/" + program
                + "/targets/resource/plant-north").then().statusCode(200);
        operator().body(Map.of("siteIds", List.of(fleet.second()))).put("/api/programs/" + program
                + "/targets/resource/plant-south").then().statusCode(200);
        DrEvent base = reduction(uniqueEventId(), program, 0, now().plusSeconds(3600), 30, 700);
        DrEvent named = new DrEvent(base.eventId(), base.vtnId(), base.vtnEventId(), 0, program,
                base.marketContext(), base.status(), base.start(), base.end(), base.signal(), null, base.intervals(),
                new DrEvent.Targets(List.of("plant-north", "plant-south", "plant-nowhere"), List.of()), 0, 0, false,
                base.receivedAt());

        channels.kafka().send(Topics.DR_EVENTS, named.eventId(), json(named));

        DispatchStatus status = Schedules.awaitStatus(channels.kafka(), named.eventId(),
                s -> s.state() == DispatchStatus.State.SCHEDULED);
        assertThat(status.resources()).extracting(DispatchStatus.ResourceShare::resourceId,
                DispatchStatus.ResourceShare::sites).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("plant-north", 1),
                        org.assertj.core.groups.Tuple.tuple("plant-nowhere", 0),
                        org.assertj.core.groups.Tuple.tuple("plant-south", 1));
        assertThat(status.resources()).allSatisfy(r -> assertThat(r.committedKw() > 0).isEqualTo(r.sites() > 0));
        assertThat(status.resources().stream().mapToDouble(DispatchStatus.ResourceShare::committedKw).sum())
                .isEqualTo(status.committedKw());
    }

    @Test
    void removingASiteMovesItsShareToTheOthersAndRefusesItsTelemetry() {
        String program = unique("program");
        Operator.program(program);
        String first = "a-" + unique("first");
        String second = "b-" + unique("second");
        Operator.site(first, program, 500, 500, 1);
        Operator.site(second, program, 500, 500, 2);
        channels.kafka().send(Topics.siteTelemetry(first), first, telemetry(first, 1000, 400, 0));
        channels.kafka().send(Topics.siteTelemetry(second), second, telemetry(second, 1000, 400, 0));
        await().atMost(WAIT).until(() -> operator().get("/api/sites/" + second).then().extract().jsonPath()
                .getBoolean("fresh")
                && operator().get("/api/sites/" + first).then().extract().jsonPath()
                        .getBoolean("fresh"));
        DrEvent event = reduction(uniqueEventId(), program, 0, now().plusSeconds(3600), 30, 300);
        channels.kafka().send(Topics.DR_EVENTS, event.eventId(), json(event));
        await().atMost(WAIT)
                .until(() -> channels.schedules().latest(first).map(s -> !s.segments().isEmpty()).orElse(false));

        operator().delete("/api/sites/" + first).then().statusCode(200).body("site.status", equalTo("REMOVED"));

        await().atMost(WAIT)
                .until(() -> channels.schedules().latest(first).map(s -> s.segments().isEmpty()).orElse(false)
                        && channels.schedules().latest(second).map(s -> !s.segments().isEmpty()).orElse(false));
        assertThat(channels.schedules().latest(second).orElseThrow().segments().getFirst().shedKw()).isEqualTo(300.0);
        operator().get("/api/sites").then().body("site.siteId", not(hasItem(first)));
        double rejected = new Meters(io.quarkus.arc.Arc.container().instance(
                io.micrometer.core.instrument.MeterRegistry.class).get()).rejected(Topics.SITE_TELEMETRY,
                        "unknown-site");
        channels.kafka().send(Topics.siteTelemetry(first), first, telemetry(first, 1000, 400, 0));
        await().atMost(WAIT).until(() -> new Meters(io.quarkus.arc.Arc.container().instance(
                io.micrometer.core.instrument.MeterRegistry.class).get()).rejected(Topics.SITE_TELEMETRY,
                        "unknown-site") > rejected);
        operator().delete("/api/programs/" + program).then().statusCode(409).body("error", equalTo("program-in-use"));
    }
}
