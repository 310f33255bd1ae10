package io.gridflex.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gridflex.gateway.event.Decision;
import io.gridflex.gateway.event.DistributionResult;
import io.gridflex.gateway.event.ImplicitlyCancelled;
import io.gridflex.gateway.poll.VtnOutcome;
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
import io.gridflex.openadr.DispatchInterval;
import io.gridflex.openadr.LoadDispatchEvent;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.gridflex.testsupport.TestKafka;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * OpenADR 2.0b implicit cancellation with the real VTN simulator registered, PostgreSQL and Kafka: the simulator
 * withdraws an event it distributed (its next distribution leaves the event out) and the poll loop takes that as a
 * cancellation; and, for what the simulator does not script (a VTN repeating or reinstating the event it left out),
 * distributions crafted and handed to the gateway's handling layer as if polled, while the real poll loop keeps
 * polling the simulator.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(VtnSimulatorTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "ven-gateway"))
class ImplicitCancellationFlowTest {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final OpenAdrXml XML = new OpenAdrXml();
    private static TestKafka kafka;

    @Inject
    Programs programs;

    @Inject
    MessageCodec codec;

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
    void registeredAndPolled() {
        registration = await("registration with the VTN").atMost(DELIVERY)
                .until(() -> TestProgram.state(programs).current().orElse(null), r -> r != null);
        // The oadrRequestEvent that follows a registration brings the simulator's own distribution, which would
        // cancel the crafted events; it is answered before the first poll is counted.
        Instant registeredAt = registration.registeredAt();
        await("a poll after registering").atMost(DELIVERY)
                .until(() -> TestProgram.state(programs).lastPollAt().filter(at -> at.isAfter(registeredAt))
                        .isPresent());
    }

    @Test
    void anEventLeftOutIsPublishedCancelledOnceAndReinstatedAboveIt() {
        String suffix = Long.toString(System.nanoTime());
        String dropped = "dropped-" + suffix;
        String kept = "kept-" + suffix;
        String droppedId = registration.vtnId() + "/" + dropped;
        Instant start = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

        DistributionResult both = events(handle("both-" + suffix, event(dropped, 0, start), event(kept, 0, start)));
        assertThat(both.decisions()).extracting(Decision::kind).containsOnly(Decision.Kind.NEW_REVISION);
        assertThat(awaitRevision(droppedId, 0).status()).isEqualTo(DrEvent.EventStatus.FAR);

        String requestId = "only-kept-" + suffix;
        DistributionResult onlyKept = events(handle(requestId, event(kept, 0, start)));

        assertThat(onlyKept.decisions()).extracting(Decision::kind).containsExactly(Decision.Kind.DUPLICATE);
        assertThat(onlyKept.implicitlyCancelled()).extracting(ImplicitlyCancelled::eventId)
                .containsExactly(droppedId);
        assertThat(onlyKept.createdEvent()).as("nothing to answer for an implicit cancellation").isEmpty();
        DrEvent cancelled = awaitRevision(droppedId, 1);
        assertThat(cancelled.status()).isEqualTo(DrEvent.EventStatus.CANCELLED);
        assertThat(cancelled.start()).isEqualTo(start);
        Api.asOperator().get("/api/events/{id}", droppedId).then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("reason", equalTo("absent from distributeEvent req-" + requestId))
                .body("modificationNumber", equalTo(0))
                .body("publishedAt", notNullValue());
        Api.asOperator().get("/api/events/{id}", registration.vtnId() + "/" + kept).then().statusCode(200)
                .body("status", equalTo("FAR"));

        // The same distribution again, and the real poll loop, change nothing more.
        assertThat(events(handle(requestId, event(kept, 0, start))).implicitlyCancelled()).isEmpty();
        awaitFurtherPolls(3);
        assertThat(published(droppedId)).extracting(DrEvent::modificationNumber, DrEvent::status).containsExactly(
                tuple(0L, DrEvent.EventStatus.FAR),
                tuple(1L, DrEvent.EventStatus.CANCELLED));

        // The VTN repeating the revision it left out is a duplicate: the event stays cancelled.
        DistributionResult repeated = events(handle("repeat-" + suffix, event(dropped, 0, start),
                event(kept, 0, start)));
        assertThat(repeated.decisions()).extracting(Decision::kind).containsOnly(Decision.Kind.DUPLICATE);
        // The VTN's next modification (1, the number the synthetic cancellation used) is a new revision, published
        // above the cancellation.
        DistributionResult reinstated = events(handle("reinstate-" + suffix, event(dropped, 1, start),
                event(kept, 0, start)));
        assertThat(reinstated.decisions()).extracting(Decision::kind)
                .containsExactly(Decision.Kind.NEW_REVISION, Decision.Kind.DUPLICATE);
        DrEvent again = awaitRevision(droppedId, 2);
        assertThat(again.status()).isEqualTo(DrEvent.EventStatus.FAR);
        Api.asOperator().get("/api/events/{id}", droppedId).then().statusCode(200)
                .body("status", equalTo("FAR"))
                .body("modificationNumber", equalTo(1))
                .body("publishedAt", notNullValue());
    }

    @Test
    void aRandomizedEventTheVtnWithdrawsIsPublishedCancelledOnceWithItsRandomization() {
        VtnAdmin vtn = new VtnAdmin(VtnSimulator.shared().baseUrl());
        Instant start = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        String vtnEventId = vtn.createRandomizedEvent(registration.venId(), 250, start, 900, 120);
        String eventId = registration.vtnId() + "/" + vtnEventId;
        DrEvent first = awaitRevision(eventId, 0);
        assertThat(first.status()).isEqualTo(DrEvent.EventStatus.FAR);
        assertThat(first.startAfterSeconds()).isEqualTo(120);
        await("the opt-in at the VTN").atMost(DELIVERY)
                .until(() -> "optIn".equals(vtn.delivery(vtnEventId, registration.venId()).get("optType")));

        vtn.withdraw(vtnEventId);

        DrEvent cancelled = awaitRevision(eventId, 1);
        assertThat(cancelled.status()).isEqualTo(DrEvent.EventStatus.CANCELLED);
        assertThat(cancelled.start()).isEqualTo(start);
        assertThat(cancelled.startAfterSeconds()).as("the cancellation as dispatch gets an explicit one")
                .isEqualTo(120);
        assertThat(vtn.delivery(vtnEventId, registration.venId()).get("withdrawalToldAt")).isNotNull();
        Api.asOperator().get("/api/events/{id}", eventId).then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("modificationNumber", equalTo(0))
                .body("reason", startsWith("absent from distributeEvent"));
        awaitFurtherPolls(3);
        assertThat(published(eventId)).extracting(DrEvent::modificationNumber, DrEvent::status).containsExactly(
                tuple(0L, DrEvent.EventStatus.FAR),
                tuple(1L, DrEvent.EventStatus.CANCELLED));
    }

    private VtnOutcome handle(String requestId, LoadDispatchEvent... events) {
        return TestProgram.connection(programs).messages()
                .handle(XML.marshal(OadrMessages.distributeEvent("req-" + requestId, registration.vtnId(),
                        List.of(events).stream().map(OadrMessages::loadDispatchEvent).toList())), registration);
    }

    private LoadDispatchEvent event(String vtnEventId, long modification, Instant start) {
        return new LoadDispatchEvent(vtnEventId, modification, "oadr://gridflex.io/test",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), EventStatusEnumeratedType.FAR, start,
                List.of(new DispatchInterval(Duration.ofMinutes(15), -0.75)), List.of(registration.venId()), false);
    }

    private static DistributionResult events(VtnOutcome outcome) {
        assertThat(outcome.kind()).isEqualTo(VtnOutcome.Kind.EVENTS);
        return outcome.events().orElseThrow();
    }

    private DrEvent awaitRevision(String eventId, long modificationNumber) {
        return codec.decode(DrEvent.class, kafka.awaitRecord(Topics.DR_EVENTS,
                r -> eventId.equals(r.key())
                        && codec.decode(DrEvent.class, r.value()).modificationNumber() == modificationNumber,
                DELIVERY).value());
    }

    private List<DrEvent> published(String eventId) {
        return kafka.poll(Topics.DR_EVENTS, r -> eventId.equals(r.key()), Duration.ofSeconds(3)).stream()
                .map(r -> codec.decode(DrEvent.class, r.value())).toList();
    }

    /** Lets the gateway poll a few more times, each of which could have re-published the event. */
    private void awaitFurtherPolls(int polls) {
        Instant from = TestProgram.state(programs).lastPollAt().orElseThrow();
        Duration span = TestProgram.state(programs).pollInterval().multipliedBy(polls);
        await("further polls").atMost(DELIVERY).until(
                () -> TestProgram.state(programs).lastPollAt().orElseThrow().isAfter(from.plus(span)));
    }
}
