package io.gridflex.dispatch.it;

import static io.gridflex.dispatch.it.TestMessages.json;
import static io.gridflex.dispatch.it.TestMessages.now;
import static io.gridflex.dispatch.it.TestMessages.reduction;
import static io.gridflex.dispatch.it.TestMessages.telemetry;
import static io.gridflex.dispatch.it.TestMessages.uniqueEventId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.Topics;
import io.gridflex.support.db.UntilStored;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.RestartablePostgresTestResource;
import io.gridflex.testsupport.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * PostgreSQL goes away while dispatch runs: every consumer holds its record and retries, readiness is DOWN, the
 * closed loop skips its rounds, and once the same server is back on the same port every record is stored exactly once,
 * without restarting the application.
 */
@QuarkusTest
// The outage must not make the sites reported before it too old to take a share.
@WithTestResource(value = RestartablePostgresTestResource.class, initArgs = @ResourceArg(name = "gridflex.dispatch.sites.stale-after", value = "10m"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "dispatch"))
class DatabaseOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void everyRecordWaitsOutTheOutageAndIsStoredOnceWhenTheDatabaseIsBack() {
        DispatchDatabase db = new DispatchDatabase(dataSource);
        DispatchInfrastructure.createTopics();
        try (TestKafka kafka = new TestKafka(KafkaTestResource.adminConfig());
                ScheduleTopic schedules = new ScheduleTopic(KafkaTestResource.adminConfig())) {
            TwoSites fleet = TwoSites.register(500, 0, 0, null);
            String program = fleet.program();
            String east = fleet.first();
            String west = fleet.second();
            kafka.send(Topics.siteTelemetry(east), east, telemetry(east, 1000, 60, 0));
            kafka.send(Topics.siteTelemetry(west), west, telemetry(west, 1000, 60, 0));
            await().atMost(WAIT).until(() -> db.count("SELECT count(*) FROM dispatch.site_live WHERE site_id IN "
                    + "(?, ?)", east, west) == 2);
            DrEvent before = reduction(uniqueEventId(), program, 0, now().plusSeconds(600), 30, 40);
            kafka.send(Topics.DR_EVENTS, before.eventId(), json(before));
            long eastRevision = await().atMost(WAIT).until(() -> schedules.latest(east).orElse(null),
                    s -> s != null).revision();
            given().get("/q/health/ready").then().statusCode(200);
            double[] retriesBefore = retries();

            RestartablePostgresTestResource.stopServer();

            DrEvent during = reduction(uniqueEventId(), program, 0, now().plusSeconds(900), 30, 100);
            kafka.send(Topics.siteTelemetry(west), west, telemetry(west, 1000, 70, 0));
            kafka.send(Topics.DR_EVENTS, during.eventId(), json(during));
            kafka.send(Topics.scheduleAcks(east), east, TestMessages.accepted(east, eastRevision));

            await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                    .body("status", equalTo("DOWN")));
            // Every channel is holding its record, not skipping it: each retries while the database is away.
            await().atMost(WAIT).until(() -> {
                double[] now = retries();
                return now[0] > retriesBefore[0] && now[1] > retriesBefore[1] && now[2] > retriesBefore[2];
            });

            RestartablePostgresTestResource.restart();

            await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                    .body("status", equalTo("UP")));
            await().atMost(WAIT).until(() -> db.count("SELECT count(*) FROM dispatch.acks WHERE site_id = ?", east) == 1
                    && db.count("SELECT count(*) FROM dispatch.events WHERE event_id = ?", during.eventId()) == 1
                    && db.count("SELECT count(*) FROM dispatch.site_live WHERE site_id = ? AND sheddable_kw = 70",
                            west) == 1);
            assertThat(db.query("SELECT modification_number FROM dispatch.event_revisions WHERE event_id = ?",
                    during.eventId())).containsExactly("0");
            // The event held through the outage was allocated once: one piece per site, schedules for both.
            await().atMost(WAIT).until(() -> db.count("SELECT count(*) FROM dispatch.pieces WHERE event_id = ?",
                    during.eventId()) == 2);
            assertThat(db.count("SELECT count(*) - count(DISTINCT site_id) FROM dispatch.pieces WHERE event_id = ?",
                    during.eventId())).isZero();
            await().atMost(WAIT).until(() -> schedules.latest(west).map(s -> s.segments().stream()
                    .anyMatch(segment -> segment.eventIds().contains(during.eventId()))).orElse(false));
        }
    }

    /** Retries counted so far for dr-events, site-telemetry and schedule-acks. */
    private double[] retries() {
        return new double[]{retries("dr-events"), retries("site-telemetry"), retries("schedule-acks")};
    }

    private double retries(String channel) {
        Counter counter = registry.find(UntilStored.RETRIES).tag("channel", channel).counter();
        return counter == null ? 0 : counter.count();
    }
}
