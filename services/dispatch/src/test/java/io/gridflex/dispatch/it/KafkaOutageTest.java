package io.gridflex.dispatch.it;

import static io.gridflex.dispatch.it.TestMessages.json;
import static io.gridflex.dispatch.it.TestMessages.now;
import static io.gridflex.dispatch.it.TestMessages.reduction;
import static io.gridflex.dispatch.it.TestMessages.telemetry;
import static io.gridflex.dispatch.it.TestMessages.uniqueEventId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.gridflex.infra.KafkaBroker;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.gridflex.testsupport.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The outbox keeps schedules while the broker they go to is down and publishes them once it is back: events arrive
 * through the shared broker, schedules leave through a second one that the test stops and restarts.
 */
@QuarkusTest
@TestProfile(NoClosedLoop.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(ScheduleBrokerResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "dispatch"))
class KafkaOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static KafkaBroker restarted;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @AfterAll
    static void stopRestartedBroker() {
        if (restarted != null) {
            restarted.close();
        }
    }

    @Test
    void schedulesWaitInTheOutboxWhileKafkaIsDownAndGoOutWhenItIsBack() throws Exception {
        DispatchDatabase db = new DispatchDatabase(dataSource);
        DispatchInfrastructure.createTopics();
        try (TestKafka events = new TestKafka(KafkaTestResource.adminConfig())) {
            TwoSites fleet = TwoSites.register(500, 0, 0, null);
            String program = fleet.program();
            String east = fleet.first();
            String west = fleet.second();
            events.send(Topics.siteTelemetry(east), east, telemetry(east, 1000, 60, 0));
            events.send(Topics.siteTelemetry(west), west, telemetry(west, 1000, 20, 0));
            await().atMost(WAIT).until(() -> db.count("SELECT count(*) FROM dispatch.site_live WHERE site_id IN "
                    + "(?, ?)", east, west) == 2);

            DrEvent before = reduction(uniqueEventId(), program, 0, now().plusSeconds(600), 30, 40);
            events.send(Topics.DR_EVENTS, before.eventId(), json(before));
            await().atMost(WAIT).until(() -> unpublished(db, east) == 0
                    && db.count("SELECT coalesce(max(revision), 0) FROM dispatch.schedule_heads WHERE site_id = ?",
                            east) == 1);

            stopScheduleBroker();
            double failures = new Meters(registry).count("gridflex.dispatch.relay.failures", "outbox", "schedules");
            DrEvent during = reduction(uniqueEventId(), program, 0, now().plusSeconds(1200), 30, 80);
            events.send(Topics.DR_EVENTS, during.eventId(), json(during));

            await().atMost(WAIT).until(() -> new Meters(registry).count("gridflex.dispatch.relay.failures", "outbox",
                    "schedules") > failures);
            assertThat(unpublished(db, east) + unpublished(db, west)).isEqualTo(2);
            assertThat(registry.find("gridflex.dispatch.relay.pending").tag("outbox", "schedules").gauge().value())
                    .isGreaterThanOrEqualTo(2);

            restarted = KafkaBroker.start(Path.of(System.getProperty(ScheduleBrokerResource.DIR)),
                    Integer.getInteger(ScheduleBrokerResource.PORT));

            await().atMost(WAIT).until(() -> unpublished(db, east) + unpublished(db, west) == 0);
            try (ScheduleTopic topic = new ScheduleTopic(restarted.adminConfig())) {
                await().atMost(WAIT).until(() -> topic.latest(west).map(s -> s.segments().size() == 1)
                        .orElse(false) && topic.latest(east).map(s -> s.segments().size() == 3).orElse(false));
                SiteSchedule eastSchedule = topic.latest(east).orElseThrow();
                assertThat(eastSchedule.segments()).extracting(s -> s.shedKw()).containsExactly(40.0, 60.0, 20.0);
                assertThat(topic.forSite(east)).extracting(SiteSchedule::revision).containsExactly(1L, 2L);
            }
        }
    }

    private static long unpublished(DispatchDatabase db, String siteId) {
        return db.count("SELECT count(*) FROM dispatch.schedule_outbox WHERE site_id = ?", siteId);
    }

    /** Stops the broker the resource started, by its pid, and waits until it has exited and freed its port. */
    private static void stopScheduleBroker() throws Exception {
        ProcessHandle broker = ProcessHandle.of(Long.getLong(ScheduleBrokerResource.PID)).orElseThrow();
        broker.destroy();
        broker.onExit().get(60, TimeUnit.SECONDS);
    }
}
