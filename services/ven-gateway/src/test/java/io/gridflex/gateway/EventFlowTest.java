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

import io.gridflex.gateway.opt.DispatchStatusConsumer;
import io.gridflex.gateway.program.Programs;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.support.Api;
import io.gridflex.gateway.support.TestProgram;
import io.gridflex.gateway.support.VtnAdmin;
import io.gridflex.gateway.support.VtnSimulator;
import io.gridflex.gateway.support.VtnSimulatorTestResource;
import io.gridflex.gateway.support.VtnXml;
import io.gridflex.messages.DispatchStatus;
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

    @Inject
    DispatchStatusConsumer statuses;

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

    @Test
    void anEventTheFleetCannotDeliverIsOptedOutOnceAndAShortfallAloneIsNot() {
        Instant start = Instant.now().plus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.SECONDS);
        String vtnEventId = vtn.createEvent(registration.venId(), 1000, start, 600);
        String eventId = registration.vtnId() + "/" + vtnEventId;
        awaitRevision(eventId, 0);

        // Short by 40 %: the program opts out only when nothing can be delivered (shortfall fraction 1).
        kafka.send(Topics.DISPATCH_STATUS, eventId, codec.encode(status(eventId, 0, 600, 400)));
        // A status about a revision the VEN does not hold, or from another program, changes nothing either.
        kafka.send(Topics.DISPATCH_STATUS, eventId, codec.encode(status(eventId, 5, 0, 1000)));
        DispatchStatus nothing = status(eventId, 0, 0, 1000);
        kafka.send(Topics.DISPATCH_STATUS, eventId, codec.encode(new DispatchStatus(eventId, "another-program", 0,
                nothing.state(), 1000, 0, null, 1000, false, "no site", Instant.now())));
        // Nothing deliverable, said twice (Kafka delivers at least once; dispatch re-reports on every change).
        kafka.send(Topics.DISPATCH_STATUS, eventId, codec.encode(nothing));
        statuses.consume(new ConsumerRecord<>(Topics.DISPATCH_STATUS, 0, 0, eventId, codec.encode(nothing)));

        await("the VTN's record of the opt-out").atMost(DELIVERY)
                .untilAsserted(() -> assertThat(vtn.opts(vtnEventId)).singleElement().satisfies(opt -> {
                    assertThat(opt).containsEntry("optType", "optOut").containsEntry("venId", registration.venId())
                            .containsEntry("optReason", "notParticipating");
                    assertThat(((Number) opt.get("modificationNumber")).longValue()).isZero();
                    // The event named no resource of ours: the whole VEN opts out.
                    assertThat(opt.get("venIds")).isEqualTo(List.of(registration.venId()));
                }));
        statuses.consume(new ConsumerRecord<>(Topics.DISPATCH_STATUS, 0, 1, eventId, codec.encode(nothing)));
        List<Map<String, Object>> opts = Api.asOperator().get("/api/programs/{id}/opts", TestProgram.ID).then()
                .statusCode(200).extract().jsonPath().getList("findAll { it.eventId == '" + eventId + "' }");
        assertThat(opts).singleElement().satisfies(opt -> {
            assertThat(opt).containsEntry("vtnEventId", vtnEventId).containsEntry("responseCode", 200)
                    .containsEntry("venId", registration.venId());
            assertThat((String) opt.get("detail")).contains("short by 1000.0 of 1000.0 kW");
        });
        assertThat(vtn.opts(vtnEventId)).hasSize(1);
    }

    /**
     * E1_1060: an event for two resources, opted in; dispatch says the fleet falls short and one resource takes no
     * part: that resource alone is opted out, once, and the event stays opted in for the other.
     */
    @Test
    void aResourceTakingNoPartInAnEventTheFleetFallsShortOfIsOptedOutAlone() {
        Instant start = Instant.now().plus(Duration.ofMinutes(50)).truncatedTo(ChronoUnit.SECONDS);
        String vtnEventId = vtn.createEvent(registration.venId(), 1000, start, 600,
                List.of("plant-east", "plant-west"));
        String eventId = registration.vtnId() + "/" + vtnEventId;
        DrEvent published = awaitRevision(eventId, 0);
        assertThat(published.targets().resourceIds()).containsExactly("plant-east", "plant-west");
        awaitVtnRecorded(vtnEventId, "optIn", 0);

        // Both take part, yet short: nothing to opt out (the reports tell what is delivered).
        kafka.send(Topics.DISPATCH_STATUS, eventId, codec.encode(withResources(status(eventId, 0, 700, 300),
                new DispatchStatus.ResourceShare("plant-east", 2, 400),
                new DispatchStatus.ResourceShare("plant-west", 1, 300))));
        // plant-west takes no part and the fleet is short: plant-west alone, said twice.
        DispatchStatus westOut = withResources(status(eventId, 0, 400, 600),
                new DispatchStatus.ResourceShare("plant-east", 2, 400),
                new DispatchStatus.ResourceShare("plant-west", 0, 0));
        kafka.send(Topics.DISPATCH_STATUS, eventId, codec.encode(westOut));
        statuses.consume(new ConsumerRecord<>(Topics.DISPATCH_STATUS, 0, 0, eventId, codec.encode(westOut)));

        await("the VTN's record of the resource's opt-out").atMost(DELIVERY)
                .untilAsserted(() -> assertThat(vtn.opts(vtnEventId)).singleElement().satisfies(opt -> {
                    assertThat(opt).containsEntry("optType", "optOut").containsEntry("optReason", "notParticipating");
                    assertThat(opt.get("resourceIds")).isEqualTo(List.of("plant-west"));
                    assertThat(((Number) opt.get("modificationNumber")).longValue()).isZero();
                }));
        statuses.consume(new ConsumerRecord<>(Topics.DISPATCH_STATUS, 0, 1, eventId, codec.encode(westOut)));
        assertThat(vtn.opts(vtnEventId)).hasSize(1);
        assertThat(vtn.delivery(vtnEventId, registration.venId())).containsEntry("optType", "optIn");
        List<Map<String, Object>> opts = Api.asOperator().get("/api/programs/{id}/opts", TestProgram.ID).then()
                .statusCode(200).extract().jsonPath().getList("findAll { it.eventId == '" + eventId + "' }");
        assertThat(opts).singleElement().satisfies(opt -> {
            assertThat(opt).containsEntry("resourceIds", List.of("plant-west")).containsEntry("responseCode", 200);
            assertThat((String) opt.get("detail")).startsWith("resource plant-west takes no part");
        });
    }

    /**
     * P1_2050: the VTN refuses our opt (the simulator answers 452 for an event it never sent): the refusal is kept
     * with its code and words, and the opt is never sent again.
     */
    @Test
    void anOptTheVtnRefusesIsKeptWithItsAnswerAndNotSentAgain() throws InterruptedException {
        String vtnEventId = "never-sent-" + System.nanoTime();
        String eventId = registration.vtnId() + "/" + vtnEventId;
        Instant start = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        String xml = VtnXml.distribute("REQ-" + vtnEventId, registration.vtnId(), VtnXml.event(vtnEventId, start)
                .ven(registration.venId()).responseRequired("never")
                .signal(VtnXml.signal("LOAD_DISPATCH", "delta", Duration.ofMinutes(15), "-0.5")
                        .withItem(VtnXml.powerReal("W", "M"))));
        assertThat(TestProgram.connection(programs).messages().handle(xml, registration).kind())
                .isEqualTo(io.gridflex.gateway.poll.VtnOutcome.Kind.EVENTS);

        statuses.consume(new ConsumerRecord<>(Topics.DISPATCH_STATUS, 0, 0, eventId,
                codec.encode(status(eventId, 0, 0, 500))));

        Map<String, Object> refused = await("the VTN's answer to the opt").atMost(DELIVERY).until(
                () -> ourOpts(eventId), opts -> !opts.isEmpty() && opts.getFirst().get("responseCode") != null)
                .getFirst();
        assertThat(refused).containsEntry("responseCode", 452).containsEntry("attempts", 1);
        assertThat((String) refused.get("responseDescription")).contains(vtnEventId);
        // The retry interval is 1 s in tests: two of them go by without a second attempt.
        Thread.sleep(2_000);
        assertThat(ourOpts(eventId)).singleElement().satisfies(opt -> assertThat(opt).containsEntry("attempts", 1));
        assertThat(vtn.opts(vtnEventId)).isEmpty();
    }

    private static List<Map<String, Object>> ourOpts(String eventId) {
        return Api.asOperator().get("/api/programs/{id}/opts", TestProgram.ID).then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.eventId == '" + eventId + "' }");
    }

    private static DispatchStatus withResources(DispatchStatus status, DispatchStatus.ResourceShare... shares) {
        return new DispatchStatus(status.eventId(), status.program(), status.modificationNumber(), status.state(),
                status.requestedKw(), status.committedKw(), status.deliveredKw(), status.shortfallKw(),
                status.canMeet(), status.reason(), status.at(), List.of(shares));
    }

    private static DispatchStatus status(String eventId, long modificationNumber, double committedKw,
            double shortfallKw) {
        return new DispatchStatus(eventId, TestProgram.ID, modificationNumber, DispatchStatus.State.SCHEDULED,
                committedKw + shortfallKw, committedKw, null, shortfallKw, false, "sites offline", Instant.now());
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
