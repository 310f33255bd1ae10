package io.gridflex.settlement.event;

import static io.gridflex.settlement.SettlementFixtures.as;
import static io.gridflex.settlement.SettlementFixtures.codec;
import static io.gridflex.settlement.SettlementFixtures.event;
import static io.gridflex.settlement.SettlementFixtures.kafka;
import static io.gridflex.settlement.SettlementFixtures.rejected;
import static io.gridflex.settlement.SettlementFixtures.send;
import static io.gridflex.settlement.SettlementFixtures.sendEvent;
import static io.gridflex.settlement.SettlementFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrInterval;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** DR events through real Kafka: everything v2 says is kept, newer versions win, bad ones are counted and ignored. */
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
    void everythingAnEventStatesIsKeptAndItsValuesExactly() {
        String eventId = unique("vtn-v2") + "/evt";
        DrEvent base = event(eventId, 4, START, END);
        // More digits than a double holds: the stored value must be the one sent, digit for digit.
        DrEvent priced = new DrEvent(eventId, base.vtnId(), base.vtnEventId(), 4, "prog-prices", "http://market/p",
                DrEvent.EventStatus.FAR, START, END, DrEvent.Signal.PRICE, "EUR",
                List.of(new DrInterval(START, START.plusSeconds(1800), new BigDecimal("123.45678901234567890")),
                        new DrInterval(START.plusSeconds(1800), END, new BigDecimal("-0.5"))),
                new DrEvent.Targets(List.of("res-1", "res-2"), List.of("group-a")), 900, 2, true,
                START.minusSeconds(3600));
        send(priced);

        await().atMost(PATIENCE).untilAsserted(() -> as("bill").get("/api/events/" + eventId + "/delivery").then()
                .statusCode(200));
        JsonPath event = delivery(eventId);
        assertThat(event.getString("event.program")).isEqualTo("prog-prices");
        assertThat(event.getString("event.signal")).isEqualTo("PRICE");
        assertThat(event.getString("event.currency")).isEqualTo("EUR");
        assertThat(event.getList("event.targets.resourceIds")).containsExactly("res-1", "res-2");
        assertThat(event.getList("event.targets.groupIds")).containsExactly("group-a");
        assertThat(event.getLong("event.startAfterSeconds")).isEqualTo(900);
        assertThat(event.getInt("event.priority")).isEqualTo(2);
        assertThat(event.getBoolean("event.testEvent")).isTrue();
        assertThat(event.getString("event.status")).isEqualTo("FAR");
        assertThat(event.<BigDecimal>get("event.intervals[0].value"))
                .isEqualTo(new BigDecimal("123.45678901234567890"));
        assertThat(event.<BigDecimal>get("event.intervals[1].value")).isEqualByComparingTo("-0.5");
        assertThat(event.getList("sites")).isEmpty();
        assertThat(event.<BigDecimal>get("totals.deliveredKwh")).isEqualTo(new BigDecimal("0.000"));
    }

    @Test
    void aNewerModificationReplacesTheEventAndAnEqualOneChangesItsStatus() {
        String eventId = unique("vtn-mod") + "/evt";
        sendEvent(eventId, 1, START, END);
        sendEvent(eventId, 2, START, START.plusSeconds(600));
        DrEvent completed = event(eventId, 2, START, START.plusSeconds(600));
        send(new DrEvent(eventId, completed.vtnId(), completed.vtnEventId(), 2, completed.program(),
                completed.marketContext(), DrEvent.EventStatus.COMPLETED, completed.start(), completed.end(),
                completed.signal(), null, completed.intervals(), completed.targets(), 0, 0, false,
                completed.receivedAt()));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(delivery(eventId).getString("event.status"))
                .isEqualTo("COMPLETED"));
        assertThat(delivery(eventId).getLong("event.modificationNumber")).isEqualTo(2);
        assertThat(delivery(eventId).getString("event.end")).isEqualTo(START.plusSeconds(600).toString());
    }

    @Test
    void malformedAndStaleEventsAreCountedAndChangeNothing() {
        String eventId = unique("vtn-bad") + "/evt";
        double invalid = rejected(registry, Topics.DR_EVENTS, "invalid");
        double stale = rejected(registry, Topics.DR_EVENTS, "out-of-order");
        sendEvent(eventId, 5, START, END);
        await().atMost(PATIENCE).untilAsserted(() -> as("bill").get("/api/events/" + eventId + "/delivery").then()
                .statusCode(200));

        kafka().send(Topics.DR_EVENTS, eventId, "[]");
        // A higher modification in the shape of the old contract (no program, signal or targets) is not an event.
        kafka().send(Topics.DR_EVENTS, eventId, """
                {"eventId":"%s","vtnId":"v","vtnEventId":"e","modificationNumber":9,"marketContext":"m",
                 "status":"ACTIVE","start":"2026-03-04T12:00:00Z","end":"2026-03-04T12:10:00Z",
                 "intervals":[{"start":"2026-03-04T12:00:00Z","end":"2026-03-04T12:10:00Z","reductionKw":1}],
                 "priority":0,"testEvent":false,"receivedAt":"2026-03-04T11:00:00Z"}""".formatted(eventId));
        // Valid JSON of the contract, but ending before it starts.
        DrEvent valid = event(eventId, 10, START, END);
        String backwardsJson = codec().encode(valid).replace("\"end\":\"" + END + "\"",
                "\"end\":\"" + START.minusSeconds(3600) + "\"");
        assertThat(backwardsJson).contains(START.minusSeconds(3600).toString());
        kafka().send(Topics.DR_EVENTS, eventId, backwardsJson);
        sendEvent(eventId, 4, START, START.plusSeconds(60));

        await().atMost(PATIENCE).untilAsserted(() -> {
            // Two records that are no events and one that ends before it starts.
            assertThat(rejected(registry, Topics.DR_EVENTS, "invalid")).isGreaterThanOrEqualTo(invalid + 3);
            assertThat(rejected(registry, Topics.DR_EVENTS, "out-of-order")).isGreaterThanOrEqualTo(stale + 1);
        });
        JsonPath delivery = delivery(eventId);
        assertThat(delivery.getLong("event.modificationNumber")).isEqualTo(5);
        assertThat(delivery.getString("event.end")).isEqualTo(END.toString());
    }

    private static JsonPath delivery(String eventId) {
        return as("bill").get("/api/events/" + eventId + "/delivery").then().statusCode(200).extract().jsonPath();
    }
}
