package io.gridflex.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gridflex.gateway.program.Programs;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.support.Api;
import io.gridflex.gateway.support.TestProgram;
import io.gridflex.gateway.support.VtnAdmin;
import io.gridflex.gateway.support.VtnSimulator;
import io.gridflex.gateway.support.VtnSimulatorTestResource;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.gridflex.testsupport.TestKafka;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The whole path with real infrastructure: the VTN simulator dispatches, modifies and cancels events; the gateway
 * registers, polls, answers, stores in PostgreSQL and publishes DrEvents on a real Kafka broker.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(VtnSimulatorTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "ven-gateway"))
class EventFlowTest {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static TestKafka kafka;

    @Inject
    Programs programs;

    @Inject
    MessageCodec codec;

    private final VtnAdmin vtn = new VtnAdmin(VtnSimulator.shared().baseUrl());
    private Registration registration;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(KafkaTestResource.adminConfig());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @BeforeEach
    void registered() {
        registration = await("registration with the VTN").atMost(DELIVERY)
                .until(() -> TestProgram.state(programs).current().orElse(null), r -> r != null);
    }

    @Test
    void aDispatchedEventIsPublishedInKilowattsAndOptedIn() {
        Instant start = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        Instant created = Instant.now();
        String vtnEventId = vtn.createEvent(registration.venId(), 1234.5, start, 900);
        String eventId = registration.vtnId() + "/" + vtnEventId;

        ConsumerRecord<String, String> record = awaitRecord(eventId, 0);
        DrEvent event = codec.decode(DrEvent.class, record.value());
        // Figures for the record, not assertions: they depend on the poll interval (1 s here) and machine load.
        System.out.printf("figure: VTN event created -> DrEvent on Kafka %d ms; gateway accepted -> sent %d ms%n",
                record.timestamp() - created.toEpochMilli(),
                record.timestamp() - event.receivedAt().toEpochMilli());

        assertThat(event.vtnId()).isEqualTo(registration.vtnId());
        assertThat(event.vtnEventId()).isEqualTo(vtnEventId);
        assertThat(event.start()).isEqualTo(start);
        assertThat(event.end()).isEqualTo(start.plusSeconds(900));
        assertThat(event.program()).isEqualTo(TestProgram.ID);
        assertThat(event.signal()).isEqualTo(DrEvent.Signal.REDUCTION_KW);
        assertThat(event.currency()).isNull();
        // 1234.5 kW travels as -1.2345 MW in a float and comes out exactly, not as the float's binary expansion.
        assertThat(event.intervals()).singleElement()
                .satisfies(interval -> assertThat(interval.value()).isEqualTo(new BigDecimal("1234.5")));
        assertThat(event.targets().wholeProgram()).isTrue();
        assertThat(event.startAfterSeconds()).isZero();
        assertThat(event.status()).isIn(DrEvent.EventStatus.FAR, DrEvent.EventStatus.NEAR);
        awaitVtnRecorded(vtnEventId, "optIn", 0);
        Api.asOperator().get("/api/events/{id}", eventId).then().statusCode(200)
                .body("optType", equalTo("optIn"))
                .body("modificationNumber", equalTo(0))
                .body("signal", equalTo("REDUCTION_KW"))
                .body("peakValue", equalTo(1234.5f))
                .body("publishedAt", notNullValue());
    }

    @Test
    void aModificationIsPublishedOnceAndRepollsPublishNothingMore() {
        Instant start = Instant.now().plus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
        String vtnEventId = vtn.createEvent(registration.venId(), 800, start, 600);
        String eventId = registration.vtnId() + "/" + vtnEventId;
        awaitRevision(eventId, 0);

        vtn.modify(vtnEventId, 2000);

        DrEvent modified = awaitRevision(eventId, 1);
        assertThat(modified.intervals().getFirst().value()).isEqualTo(new BigDecimal("2000"));
        awaitVtnRecorded(vtnEventId, "optIn", 1);
        awaitFurtherPolls(3);
        List<DrEvent> published = kafka.poll(Topics.DR_EVENTS, r -> eventId.equals(r.key()), Duration.ofSeconds(3))
                .stream().map(r -> codec.decode(DrEvent.class, r.value())).toList();
        assertThat(published).extracting(DrEvent::modificationNumber).containsExactly(0L, 1L);
    }

    @Test
    void aCancellationIsPublishedAsCancelled() {
        Instant start = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        String vtnEventId = vtn.createEvent(registration.venId(), 500, start, 600);
        String eventId = registration.vtnId() + "/" + vtnEventId;
        awaitRevision(eventId, 0);

        vtn.cancel(vtnEventId);

        DrEvent cancelled = awaitRevision(eventId, 1);
        assertThat(cancelled.status()).isEqualTo(DrEvent.EventStatus.CANCELLED);
        awaitVtnRecorded(vtnEventId, "optIn", 1);
        Api.asOperator().get("/api/events/{id}", eventId).then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    private DrEvent awaitRevision(String eventId, long modificationNumber) {
        DrEvent event = codec.decode(DrEvent.class, awaitRecord(eventId, modificationNumber).value());
        assertThat(event.eventId()).isEqualTo(eventId);
        return event;
    }

    private ConsumerRecord<String, String> awaitRecord(String eventId, long modificationNumber) {
        return kafka.awaitRecord(Topics.DR_EVENTS,
                r -> eventId.equals(r.key())
                        && codec.decode(DrEvent.class, r.value()).modificationNumber() == modificationNumber,
                DELIVERY);
    }

    private void awaitVtnRecorded(String vtnEventId, String optType, long modificationNumber) {
        await("VTN records " + optType + " for modification " + modificationNumber).atMost(DELIVERY)
                .untilAsserted(() -> {
                    Map<String, Object> delivery = vtn.delivery(vtnEventId, registration.venId());
                    assertThat(delivery).containsEntry("optType", optType);
                    assertThat(((Number) delivery.get("modificationNumber")).longValue())
                            .isEqualTo(modificationNumber);
                });
    }

    /** Lets the gateway poll a few more times, each of which could have re-published the event. */
    private void awaitFurtherPolls(int polls) {
        Instant from = TestProgram.state(programs).lastPollAt().orElseThrow();
        Duration span = TestProgram.state(programs).pollInterval().multipliedBy(polls);
        await("further polls").atMost(DELIVERY).until(
                () -> TestProgram.state(programs).lastPollAt().orElseThrow().isAfter(from.plus(span)));
    }
}
