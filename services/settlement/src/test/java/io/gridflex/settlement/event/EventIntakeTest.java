package io.gridflex.settlement.event;

import static io.gridflex.settlement.SettlementFixtures.as;
import static io.gridflex.settlement.SettlementFixtures.kafka;
import static io.gridflex.settlement.SettlementFixtures.rejected;
import static io.gridflex.settlement.SettlementFixtures.sendCancel;
import static io.gridflex.settlement.SettlementFixtures.sendEvent;
import static io.gridflex.settlement.SettlementFixtures.sendShed;
import static io.gridflex.settlement.SettlementFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** DR events and site commands through real Kafka: newer versions win, bad ones are counted and change nothing. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class EventIntakeTest {

    private static final Instant START = Instant.parse("2026-03-04T12:00:00Z");
    private static final Instant END = START.plusSeconds(3600);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    MeterRegistry registry;

    @Test
    void aNewerModificationReplacesTheEvent() {
        String eventId = unique("vtn-mod") + "/evt";
        sendEvent(eventId, 1, START, END);
        sendEvent(eventId, 2, START, START.plusSeconds(600));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(delivery(eventId).getLong("event.modificationNumber"))
                .isEqualTo(2));
        assertThat(delivery(eventId).getString("event.end")).isEqualTo(START.plusSeconds(600).toString());
    }

    @Test
    void malformedEventsAreCountedAndChangeNothing() {
        String eventId = unique("vtn-bad") + "/evt";
        double invalid = rejected(registry, Topics.DR_EVENTS, "invalid-message");
        double backwards = rejected(registry, Topics.DR_EVENTS, "invalid-window");
        sendEvent(eventId, 1, START, END);
        await().atMost(PATIENCE).untilAsserted(() -> as("bill").get("/api/events/" + eventId + "/delivery").then()
                .statusCode(200));

        kafka().send(Topics.DR_EVENTS, eventId, "[]");
        // A higher modification with a status the schema does not know must not replace the event.
        kafka().send(Topics.DR_EVENTS, eventId, """
                {"eventId":"%s","vtnId":"v","vtnEventId":"e","modificationNumber":9,"marketContext":"m",
                 "status":"PAUSED","start":"2026-03-04T12:00:00Z","end":"2026-03-04T12:10:00Z",
                 "intervals":[{"start":"2026-03-04T12:00:00Z","end":"2026-03-04T12:10:00Z","reductionKw":1}],
                 "priority":0,"testEvent":false,"receivedAt":"2026-03-04T11:00:00Z"}""".formatted(eventId));
        // Valid JSON but ending before it starts.
        kafka().send(Topics.DR_EVENTS, eventId, """
                {"eventId":"%s","vtnId":"v","vtnEventId":"e","modificationNumber":10,"marketContext":"m",
                 "status":"ACTIVE","start":"2026-03-04T12:00:00Z","end":"2026-03-04T11:00:00Z",
                 "intervals":[{"start":"2026-03-04T12:00:00Z","end":"2026-03-04T12:10:00Z","reductionKw":1}],
                 "priority":0,"testEvent":false,"receivedAt":"2026-03-04T11:00:00Z"}""".formatted(eventId));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(rejected(registry, Topics.DR_EVENTS, "invalid-message")).isGreaterThanOrEqualTo(invalid + 2);
            assertThat(rejected(registry, Topics.DR_EVENTS, "invalid-window")).isGreaterThanOrEqualTo(backwards + 1);
        });
        JsonPath delivery = delivery(eventId);
        assertThat(delivery.getLong("event.modificationNumber")).isEqualTo(1);
        assertThat(delivery.getString("event.end")).isEqualTo(END.toString());
    }

    @Test
    void malformedAndStaleCommandsAreCountedAndChangeNothing() {
        String eventId = unique("vtn-cmd") + "/evt";
        String site = unique("site-cmd");
        double invalid = rejected(registry, Topics.SITE_COMMANDS, "invalid-message");
        double stale = rejected(registry, Topics.SITE_COMMANDS, "stale-revision");
        double orphanCancel = rejected(registry, Topics.SITE_COMMANDS, "cancel-without-shed");
        sendEvent(eventId, 3, START, END);
        sendShed(eventId, site, 3, 120, START, END);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(delivery(eventId).getList("sites")).hasSize(1));

        kafka().send(Topics.SITE_COMMANDS, site, "{\"commandId\":\"x\"}");
        sendShed(eventId, site, 2, 999, START, END);
        sendCancel(eventId, unique("site-never"), 3, START, END, START);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(rejected(registry, Topics.SITE_COMMANDS, "invalid-message")).isGreaterThanOrEqualTo(invalid + 1);
            assertThat(rejected(registry, Topics.SITE_COMMANDS, "stale-revision")).isGreaterThanOrEqualTo(stale + 1);
            assertThat(rejected(registry, Topics.SITE_COMMANDS, "cancel-without-shed"))
                    .isGreaterThanOrEqualTo(orphanCancel + 1);
        });
        JsonPath delivery = delivery(eventId);
        assertThat(delivery.getList("sites")).hasSize(1);
        assertThat(delivery.getString("sites[0].shedKw")).isEqualTo("120.000000");
        assertThat(delivery.getLong("sites[0].commandRevision")).isEqualTo(3);
        assertThat(delivery.getString("sites[0].cancelledAt")).isNull();
    }

    private static JsonPath delivery(String eventId) {
        return as("bill").get("/api/events/" + eventId + "/delivery").then().statusCode(200).extract().jsonPath();
    }
}
