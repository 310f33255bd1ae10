package io.gridflex.dispatch.it;

import static io.gridflex.dispatch.it.TestMessages.json;
import static io.gridflex.dispatch.it.TestMessages.now;
import static io.gridflex.dispatch.it.TestMessages.telemetry;
import static io.gridflex.dispatch.it.TestMessages.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gridflex.messages.ScheduleAck;
import io.gridflex.messages.SiteTelemetry;
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

/** Every consumed topic turns bad input down: logged, counted, acknowledged, and nothing in the database changes. */
@QuarkusTest
@TestProfile(NoClosedLoop.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "dispatch"))
class RejectedMessagesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static TestKafka kafka;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    private DispatchDatabase db;
    private Meters meters;
    private String site;

    @BeforeAll
    static void connect() {
        DispatchInfrastructure.createTopics();
        kafka = new TestKafka(KafkaTestResource.adminConfig());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @BeforeEach
    void registeredSite() {
        db = new DispatchDatabase(dataSource);
        meters = new Meters(registry);
        String program = unique("program");
        site = unique("site");
        Operator.program(program);
        Operator.site(site, program, 100, 100, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {Topics.DR_EVENTS, Topics.SITE_TELEMETRY, Topics.SCHEDULE_ACKS})
    void malformedJsonChangesNothing(String topic) {
        assertRejected(topic, "invalid", "some-key", "{\"eventId\": \"it-vtn/x\", ");
    }

    @ParameterizedTest
    @ValueSource(strings = {Topics.DR_EVENTS, Topics.SITE_TELEMETRY, Topics.SCHEDULE_ACKS})
    void jsonOfTheWrongShapeChangesNothing(String topic) {
        assertRejected(topic, "invalid", "some-key", "{\"siteId\": \"s\", \"unexpected\": true}");
    }

    @Test
    void telemetryEndingBeforeItStartsFromTheFutureOrOlderThanHeldIsRefused() {
        Instant end = now();
        assertRejected(Topics.SITE_TELEMETRY, "invalid", site, json(telemetryOver(end, end.minusSeconds(10))));
        assertRejected(Topics.SITE_TELEMETRY, "from-the-future", site,
                json(telemetryOver(end.plusSeconds(3590), end.plusSeconds(3600))));
        kafka.send(Topics.siteTelemetry(site), site, telemetry(site, 100, 50, 0));
        await().atMost(WAIT).until(() -> db.count("SELECT count(*) FROM dispatch.site_live WHERE site_id = ?",
                site) == 1);
        assertRejected(Topics.SITE_TELEMETRY, "out-of-order", site,
                json(telemetryOver(end.minusSeconds(40), end.minusSeconds(30))));
    }

    @Test
    void aRecordKeyedByOneSiteAboutAnotherIsRefused() {
        // Through another site's own topic: only that site may write there, so the record is not this site's word.
        assertRejected(Topics.SITE_TELEMETRY, "wrong-channel", unique("other"), telemetry(site, 100, 50, 0));
        assertRejected(Topics.SCHEDULE_ACKS, "wrong-channel", unique("other"), TestMessages.accepted(site, 1));
        // Through its own topic but keyed by another site: contradicts itself.
        double before = meters.rejected(Topics.SITE_TELEMETRY, "inconsistent");
        String state = db.fingerprint();
        kafka.send(Topics.siteTelemetry(site), unique("other"), telemetry(site, 100, 50, 0));
        await().atMost(WAIT).until(() -> meters.rejected(Topics.SITE_TELEMETRY, "inconsistent") >= before + 1);
        assertThat(db.fingerprint()).isEqualTo(state);
    }

    @Test
    void anAckForAScheduleNeverIssuedOrNamingNoSegmentIsRefused() {
        assertRejected(Topics.SCHEDULE_ACKS, "unknown-schedule", site, TestMessages.accepted(site, 99));
        assertRejected(Topics.SCHEDULE_ACKS, "invalid", site, json(new ScheduleAck(site, 1, null, null,
                ScheduleAck.Status.SHED, 10, 10, List.of(), null, now())));
    }

    private SiteTelemetry telemetryOver(Instant start, Instant end) {
        return new SiteTelemetry(site, start, end, 10, 0.01, 10.0, null, 5, 0, 0, 20,
                new SiteTelemetry.MinerCounts(1, 1, 0, 0, 0), null, null, null, SiteTelemetry.Source.MINERS, 1);
    }

    private void assertRejected(String topic, String reason, String key, String payload) {
        double before = meters.rejected(topic, reason);
        String state = db.fingerprint();

        // Telemetry and acks come through the keyed site's own topic; the metric names the kind of topic.
        kafka.send(Topics.siteKinds().contains(topic) ? Topics.ofSite(topic, key) : topic, key, payload);

        await().atMost(WAIT).until(() -> meters.rejected(topic, reason) >= before + 1);
        assertThat(db.fingerprint()).isEqualTo(state);
    }
}
