package io.gridflex.dispatch.it;

import static io.gridflex.dispatch.it.TestMessages.json;
import static io.gridflex.dispatch.it.TestMessages.uniqueSite;
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

import io.gridflex.messages.CommandAck;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.gridflex.testsupport.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Every consumed topic turns bad input down: logged, counted, acknowledged, and nothing in the database changes. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class RejectedMessagesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static TestKafka kafka;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    private DispatchDatabase db;
    private Meters meters;

    @BeforeAll
    static void connect() {
        KafkaTestResource.broker().createTopics(
                List.of(Topics.DR_EVENTS, Topics.SITE_TELEMETRY, Topics.COMMAND_ACKS, Topics.SITE_COMMANDS), 3);
        kafka = new TestKafka(KafkaTestResource.bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @BeforeEach
    void setUp() {
        db = new DispatchDatabase(dataSource);
        meters = new Meters(registry);
    }

    @ParameterizedTest
    @ValueSource(strings = {Topics.DR_EVENTS, Topics.SITE_TELEMETRY, Topics.COMMAND_ACKS})
    void malformedJsonChangesNothing(String topic) {
        assertRejected(topic, "invalid", "some-key", "{\"eventId\": \"it-vtn/x\", ");
    }

    @ParameterizedTest
    @ValueSource(strings = {Topics.DR_EVENTS, Topics.SITE_TELEMETRY, Topics.COMMAND_ACKS})
    void jsonOfTheWrongShapeChangesNothing(String topic) {
        assertRejected(topic, "invalid", "some-key", "{\"siteId\": \"s\", \"unexpected\": true}");
    }

    @Test
    void telemetryEndingBeforeItStartsIsRefused() {
        String site = uniqueSite("backwards");
        Instant end = Instant.now();
        String telemetry = json(new SiteTelemetry(site, end, end.minusSeconds(10), 10, 1, 5, 20, 1, 1, null));

        assertRejected(Topics.SITE_TELEMETRY, "invalid", site, telemetry);
    }

    @Test
    void telemetryFromTheFutureIsRefused() {
        String site = uniqueSite("future");

        assertRejected(Topics.SITE_TELEMETRY, "from-the-future", site,
                TestMessages.telemetryEnding(site, 50, Instant.now().plus(Duration.ofHours(1))));
    }

    @Test
    void olderTelemetryDoesNotOverwriteNewer() {
        String site = uniqueSite("ordered");
        Instant now = Instant.now();
        kafka.send(Topics.SITE_TELEMETRY, site, TestMessages.telemetryEnding(site, 50, now));
        await().atMost(WAIT).until(() -> siteKnown(site));

        assertRejected(Topics.SITE_TELEMETRY, "out-of-order", site,
                TestMessages.telemetryEnding(site, 999, now.minusSeconds(30)));
    }

    @Test
    void ackForACommandNeverIssuedIsRefused() {
        assertRejected(Topics.COMMAND_ACKS, "unknown-command", "nowhere",
                TestMessages.ack("it-vtn/none#0@nowhere", "nowhere", "it-vtn/none", CommandAck.Status.ACCEPTED));
    }

    private boolean siteKnown(String site) {
        return RestAssured.get("/api/sites").jsonPath().getList("siteId").contains(site);
    }

    private void assertRejected(String topic, String reason, String key, String payload) {
        double before = meters.rejected(topic, reason);
        String state = db.fingerprint();

        kafka.send(topic, key, payload);

        await().atMost(WAIT).until(() -> meters.rejected(topic, reason) >= before + 1);
        assertThat(db.fingerprint()).isEqualTo(state);
    }
}
