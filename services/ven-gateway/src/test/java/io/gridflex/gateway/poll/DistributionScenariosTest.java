package io.gridflex.gateway.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gridflex.gateway.event.Decision;
import io.gridflex.gateway.event.DistributionResult;
import io.gridflex.gateway.program.Programs;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.support.OfficialSchema;
import io.gridflex.gateway.support.TestProgram;
import io.gridflex.gateway.support.VtnSimulatorTestResource;
import io.gridflex.gateway.support.VtnXml;
import io.gridflex.gateway.vtn.VtnAnswers;
import io.gridflex.gateway.vtn.VtnService;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrInterval;
import io.gridflex.messages.MessageCodec;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.model.oadr.OadrCreatedEventType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.pyld.EiCreatedEvent;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The event exchanges a VTN puts a VEN through, written as a third-party VTN writes them ({@link VtnXml}) and fed to
 * the gateway's handling layer: what is answered in the one oadrCreatedEvent, what is stored and what is passed on to
 * dispatch. Each test runs as a program of its own (its own vtnID and venID), so an empty distribution or an implied
 * cancellation in one test never touches the events of another; the answers are read from what the handler would send,
 * not sent (the VTN simulator does not know these VENs). One test runs against the simulator for real: a VTN refusing
 * our oadrCreatedEvent.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(VtnSimulatorTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "ven-gateway"))
class DistributionScenariosTest {

    private static final String VEN = "scenario-ven";
    private static final Duration QUARTER = Duration.ofMinutes(15);
    private static final Duration REGISTERING = Duration.ofSeconds(30);

    @Inject
    Programs programs;

    @Inject
    DataSource dataSource;

    @Inject
    MessageCodec codec;

    @Inject
    MeterRegistry meters;

    private Registration scenario;
    private Instant now;

    @BeforeEach
    void aProgramOfItsOwn() {
        String suffix = Long.toString(System.nanoTime(), 36);
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        scenario = new Registration("scenario-" + suffix, "https://vtn.scenario.invalid/OpenADR2/Simple/2.0b", VEN,
                "REG-" + suffix, "SCENARIO-VTN-" + suffix, Optional.empty(), now);
    }

    /** E1_1010, A_E1_0020. */
    @Test
    void aDistributionWithoutEventsIsTakenInAndCancelsWhatWasHeld() throws SQLException {
        DistributionResult nothingHeld = events(send("REQ-EMPTY-1"));
        assertThat(nothingHeld.decisions()).isEmpty();
        assertThat(nothingHeld.implicitlyCancelled()).isEmpty();
        assertThat(nothingHeld.createdEvent()).isEmpty();
        assertThat(count("SELECT count(*) FROM gateway.distribution WHERE program = ?", scenario.program())).isZero();

        send("REQ-1", dispatch("ev-a", now.plus(Duration.ofHours(1))).responseRequired("never"),
                dispatch("ev-b", now.plus(Duration.ofHours(2))).responseRequired("never"));
        DistributionResult emptied = events(send("REQ-EMPTY-2"));

        assertThat(emptied.decisions()).isEmpty();
        assertThat(emptied.createdEvent()).isEmpty();
        assertThat(emptied.implicitlyCancelled()).extracting(c -> c.eventId())
                .containsExactlyInAnyOrder(eventId("ev-a"), eventId("ev-b"));
        assertThat(published("ev-a")).extracting(DrEvent::status)
                .containsExactly(DrEvent.EventStatus.FAR, DrEvent.EventStatus.CANCELLED);
        assertThat(published("ev-b")).extracting(DrEvent::status)
                .containsExactly(DrEvent.EventStatus.FAR, DrEvent.EventStatus.CANCELLED);
    }

    /** E1_1040, A_E1_0360. */
    @Test
    void simpleComplexAndInvalidEventsAreEachAnsweredInOneCreatedEvent() throws SQLException {
        Instant start = now.plus(Duration.ofHours(1));
        VtnOutcome outcome = send("REQ-MIXED",
                VtnXml.event("simple-1", start).ven(VEN).signal(VtnXml.signal("simple", "level", QUARTER, "1")),
                dispatch("complex-1", start),
                VtnXml.event("custom-1", start).ven(VEN)
                        .signal(VtnXml.signal("x-FEEDER-STRESS", "level", QUARTER, "2")));

        assertThat(answers(outcome, "REQ-MIXED")).containsExactly("simple-1/0 optIn 200", "complex-1/0 optIn 200",
                "custom-1/0 optOut 460");
        assertThat(published("simple-1")).singleElement().satisfies(e -> {
            assertThat(e.signal()).isEqualTo(DrEvent.Signal.LEVEL);
            assertThat(e.intervals()).extracting(DrInterval::value).containsExactly(BigDecimal.ONE);
        });
        assertThat(published("complex-1")).singleElement().satisfies(e -> assertThat(e.intervals())
                .extracting(i -> i.value().stripTrailingZeros().toPlainString()).containsExactly("500", "750"));
        assertThat(published("custom-1")).isEmpty();
        assertThat(storedOptType("custom-1")).isEqualTo("optOut");
    }

    /** A_E1_0190. */
    @Test
    void aRequestIdTheVtnReusesIsQuotedInEveryAnswer() {
        Instant start = now.plus(Duration.ofHours(1));
        VtnOutcome first = send("STATIC", dispatch("static-1", start));
        VtnOutcome second = send("STATIC", dispatch("static-1", start), dispatch("static-2", start));
        VtnOutcome third = send("STATIC", dispatch("static-1", start).modification(1),
                dispatch("static-2", start));

        assertThat(answers(first, "STATIC")).containsExactly("static-1/0 optIn 200");
        // The repeat of static-1 is answered as the first time, so a VTN that lost our answer hears it again.
        assertThat(answers(second, "STATIC")).containsExactly("static-1/0 optIn 200", "static-2/0 optIn 200");
        assertThat(answers(third, "STATIC")).containsExactly("static-1/1 optIn 200", "static-2/0 optIn 200");
        assertThat(events(second).decisions()).extracting(Decision::kind)
                .containsExactly(Decision.Kind.DUPLICATE, Decision.Kind.NEW_REVISION);
    }

    /** E1_1027, A_E1_0060. */
    @Test
    void anEventCarryingEveryOptionalElementAndABaselineIsTakenAsItsSignalSays() throws Exception {
        VtnXml.Event event = dispatch("optional-1", now.plus(Duration.ofHours(1))).withEveryOptionalElement();
        String xml = VtnXml.distribute("REQ-OPTIONAL", scenario.vtnId(), event);
        OfficialSchema.validate(xml);

        VtnOutcome outcome = handle(xml);

        assertThat(answers(outcome, "REQ-OPTIONAL")).containsExactly("optional-1/0 optIn 200");
        assertThat(published("optional-1")).singleElement().satisfies(e -> {
            // The baseline (1800.5 kW) is the VTN's; GridFlex settles against its own, so it changes nothing here.
            assertThat(e.intervals()).extracting(i -> i.value().stripTrailingZeros().toPlainString())
                    .containsExactly("500", "750");
            // priority 4294967295, the schema's largest, is kept as the largest a DrEvent carries.
            assertThat(e.priority()).isEqualTo(Integer.MAX_VALUE);
        });
    }

    /** A_E1_0094, A_E1_0096. */
    @Test
    void anEventAlreadyUnderWayIsTakenAndAnsweredOnlyWhenAsked() throws SQLException {
        Instant started = now.minus(Duration.ofMinutes(10));
        VtnOutcome outcome = send("REQ-ACTIVE", dispatch("a0an", started).status("active"),
                dispatch("a0nn", started).status("active").responseRequired("never"));

        assertThat(answers(outcome, "REQ-ACTIVE")).containsExactly("a0an/0 optIn 200");
        for (String id : List.of("a0an", "a0nn")) {
            assertThat(published(id)).singleElement().satisfies(e -> {
                assertThat(e.status()).isEqualTo(DrEvent.EventStatus.ACTIVE);
                assertThat(e.start()).isEqualTo(started);
            });
        }
    }

    /** A_E1_0370: a VTN that changes an event without raising its modificationNumber. */
    @Test
    void contentChangedUnderTheSameModificationNumberLeavesTheRevisionHeldAndIsCounted() throws SQLException {
        Instant start = now.plus(Duration.ofHours(1));
        send("REQ-C0", dispatch("c1same", start));
        double before = meters.counter("gridflex.gateway.events.changed.without.new.number").count();

        VtnOutcome outcome = send("REQ-C1", VtnXml.event("c1same", start).ven(VEN)
                .signal(VtnXml.signal("LOAD_DISPATCH", "delta", QUARTER, "-2.0", "-2.0")
                        .withItem(VtnXml.powerReal("W", "M"))));
        VtnOutcome repeated = send("REQ-C2", dispatch("c1same", start).status("near"));

        assertThat(answers(outcome, "REQ-C1")).containsExactly("c1same/0 optIn 200");
        assertThat(events(outcome).decisions()).extracting(Decision::kind)
                .containsExactly(Decision.Kind.CHANGED_WITHOUT_NEW_NUMBER);
        assertThat(events(outcome).decisions().getFirst().reason()).contains("the VTN changed its signal");
        assertThat(events(repeated).decisions()).as("the first content again, only its status moved on")
                .extracting(Decision::kind).containsExactly(Decision.Kind.DUPLICATE);
        assertThat(meters.counter("gridflex.gateway.events.changed.without.new.number").count()).isEqualTo(before + 1);
        assertThat(published("c1same")).as("the revision held stands").singleElement().satisfies(e -> assertThat(
                e.intervals()).extracting(i -> i.value().stripTrailingZeros().toPlainString())
                .containsExactly("500", "750"));
    }

    /** A_E1_0098. */
    @Test
    void aModificationOfAnEventUnderWayIsAnsweredAndPassedOn() throws SQLException {
        Instant started = now.minus(Duration.ofMinutes(10));
        send("REQ-A0", dispatch("a1an", started).status("active"));

        VtnOutcome outcome = send("REQ-A1", VtnXml.event("a1an", started).status("active").modification(1).ven(VEN)
                .signal(VtnXml.signal("LOAD_DISPATCH", "delta", QUARTER, "-0.5", "-1.25")
                        .withItem(VtnXml.powerReal("W", "M"))));

        assertThat(answers(outcome, "REQ-A1")).containsExactly("a1an/1 optIn 200");
        assertThat(published("a1an")).extracting(DrEvent::modificationNumber).containsExactly(0L, 1L);
        assertThat(published("a1an").getLast().intervals())
                .extracting(i -> i.value().stripTrailingZeros().toPlainString()).containsExactly("500", "1250");
    }

    /** A_E1_0102. */
    @Test
    void anEventCancelledWhileRunningIsWithdrawnAndTheCancellationAnswered() throws SQLException {
        Instant started = now.minus(Duration.ofMinutes(10));
        send("REQ-RUN", dispatch("ca1an", started).status("active"));

        VtnOutcome outcome = send("REQ-CANCEL", dispatch("ca1an", started).status("cancelled").modification(1));

        assertThat(answers(outcome, "REQ-CANCEL")).containsExactly("ca1an/1 optIn 200");
        assertThat(published("ca1an")).extracting(e -> e.modificationNumber() + " " + e.status())
                .containsExactly("0 ACTIVE", "1 CANCELLED");
    }

    /** A_E1_0110. */
    @Test
    void anEventFirstSeenAboveModificationZeroIsANewEvent() throws SQLException {
        Instant start = now.plus(Duration.ofHours(1));
        VtnOutcome outcome = send("REQ-MOD3", dispatch("late-1", start).modification(3));
        VtnOutcome older = send("REQ-MOD2", dispatch("late-1", start).modification(2));

        assertThat(events(outcome).decisions()).extracting(Decision::kind).containsExactly(Decision.Kind.NEW_REVISION);
        assertThat(answers(outcome, "REQ-MOD3")).containsExactly("late-1/3 optIn 200");
        assertThat(published("late-1")).extracting(DrEvent::modificationNumber).containsExactly(3L);
        assertThat(events(older).decisions()).extracting(Decision::kind)
                .containsExactly(Decision.Kind.OUT_OF_SEQUENCE);
        assertThat(answers(older, "REQ-MOD2")).containsExactly("late-1/2 optIn 450");
    }

    /** A_E1_0180. */
    @Test
    void aNewAModifiedAndACancelledEventInOneDistributionAreEachHandled() throws SQLException {
        Instant start = now.plus(Duration.ofHours(1));
        send("REQ-BEFORE", dispatch("modified", start), dispatch("cancelled", start));

        VtnOutcome outcome = send("REQ-ALL", dispatch("new", start), dispatch("modified", start).modification(1),
                dispatch("cancelled", start).status("cancelled").modification(1));

        assertThat(answers(outcome, "REQ-ALL")).containsExactly("new/0 optIn 200", "modified/1 optIn 200",
                "cancelled/1 optIn 200");
        assertThat(events(outcome).implicitlyCancelled()).isEmpty();
        assertThat(published("new")).extracting(e -> e.modificationNumber() + " " + e.status())
                .containsExactly("0 FAR");
        assertThat(published("modified")).extracting(e -> e.modificationNumber() + " " + e.status())
                .containsExactly("0 FAR", "1 FAR");
        assertThat(published("cancelled")).extracting(e -> e.modificationNumber() + " " + e.status())
                .containsExactly("0 FAR", "1 CANCELLED");
    }

    @Test
    void anEventNamedAgainInTheSameDistributionIsDecidedOnWhatItsFirstMentionStored() throws SQLException {
        Instant start = now.plus(Duration.ofHours(1));
        VtnOutcome outcome = send("REQ-TWICE", dispatch("twice", start), dispatch("twice", start).modification(1),
                dispatch("twice", start));

        assertThat(answers(outcome, "REQ-TWICE")).containsExactly("twice/0 optIn 200", "twice/1 optIn 200",
                "twice/0 optIn 450");
        assertThat(published("twice")).extracting(e -> e.modificationNumber() + " " + e.status())
                .containsExactly("0 FAR", "1 FAR");
    }

    /** A_E1_0200. */
    @Test
    void valuesAtTheLimitsAreTakenExactlyAndValuesBeyondThemDeclined() throws SQLException {
        Instant start = now.plus(Duration.ofHours(1));
        VtnOutcome outcome = send("REQ-LIMITS",
                VtnXml.event("tiny", start).ven(VEN).signal(VtnXml.signal("LOAD_DISPATCH", "delta", QUARTER,
                        "-1.0E-6").withItem(VtnXml.powerReal("W", "M"))),
                VtnXml.event("largest", start).ven(VEN).signal(VtnXml.signal("LOAD_DISPATCH", "delta", QUARTER,
                        "-1.0E4").withItem(VtnXml.powerReal("W", "M"))),
                VtnXml.event("float-max", start).ven(VEN).signal(VtnXml.signal("LOAD_DISPATCH", "delta", QUARTER,
                        "-3.4028235E38").withItem(VtnXml.powerReal("W", "M"))),
                VtnXml.event("top-level", start).ven(VEN).signal(VtnXml.signal("simple", "level", QUARTER, "3")),
                VtnXml.event("level-4", start).ven(VEN).signal(VtnXml.signal("simple", "level", QUARTER, "4")));

        assertThat(answers(outcome, "REQ-LIMITS")).containsExactly("tiny/0 optIn 200", "largest/0 optIn 200",
                "float-max/0 optOut 454", "top-level/0 optIn 200", "level-4/0 optOut 454");
        assertThat(published("tiny").getFirst().intervals().getFirst().value())
                .isEqualByComparingTo(new BigDecimal("0.001"));
        assertThat(published("largest").getFirst().intervals().getFirst().value())
                .isEqualByComparingTo(new BigDecimal("10000000"));
        assertThat(published("float-max")).isEmpty();
        assertThat(published("level-4")).isEmpty();
    }

    /** A_E1_0340. */
    @Test
    void anEventOverBeforeItArrivedIsAnsweredAndKeptButNotPassedOn() throws SQLException {
        VtnOutcome outcome = send("REQ-EXPIRED", dispatch("current", now.plus(Duration.ofHours(1))),
                dispatch("expired", now.minus(Duration.ofHours(2))).status("completed"));

        assertThat(answers(outcome, "REQ-EXPIRED")).containsExactly("current/0 optIn 200", "expired/0 optIn 200");
        assertThat(published("current")).hasSize(1);
        assertThat(published("expired")).isEmpty();
        assertThat(count("SELECT count(*) FROM gateway.dr_event WHERE event_id = ? AND status = 'COMPLETED'",
                eventId("expired"))).isOne();
    }

    /** A_E1_0345. */
    @Test
    void aCancellationOfAnEventNeverSeenIsAcknowledgedAndPassesNothingOn() throws SQLException {
        VtnOutcome outcome = send("REQ-UNKNOWN",
                dispatch("never-seen", now.plus(Duration.ofHours(1))).status("cancelled").modification(2));

        assertThat(answers(outcome, "REQ-UNKNOWN")).containsExactly("never-seen/2 optIn 200");
        assertThat(published("never-seen")).isEmpty();
        assertThat(count("SELECT count(*) FROM gateway.dr_event WHERE event_id = ? AND status = 'CANCELLED'",
                eventId("never-seen"))).isOne();
    }

    /**
     * A_E1_0310: the VTN answers our oadrCreatedEvent with an error code (the simulator does, 452, for an event it
     * never sent). It is counted and logged; the registration and the poll loop carry on.
     */
    @Test
    void aVtnRefusingOurCreatedEventLeavesTheSessionAsItWas() throws SQLException {
        Registration registration = await("registration with the VTN").atMost(REGISTERING)
                .until(() -> TestProgram.state(programs).current().orElse(null), r -> r != null);
        double refusedBefore = refusedCreatedEvents();
        String xml = VtnXml.distribute("REQ-REFUSED", registration.vtnId(),
                VtnXml.event("vtn-never-sent-" + System.nanoTime(), now.plus(Duration.ofHours(3)))
                        .ven(registration.venId()).marketContext("oadr://gridflex.io/test")
                        .signal(VtnXml.signal("LOAD_DISPATCH", "delta", QUARTER, "-0.5")
                                .withItem(VtnXml.powerReal("W", "M"))));

        VtnOutcome outcome = TestProgram.connection(programs).messages().handle(xml, registration);

        assertThat(outcome.kind()).isEqualTo(VtnOutcome.Kind.EVENTS);
        assertThat(refusedCreatedEvents()).isEqualTo(refusedBefore + 1);
        Instant afterwards = Instant.now();
        await("a poll after the refusal").atMost(REGISTERING).until(
                () -> TestProgram.state(programs).lastPollAt().filter(at -> at.isAfter(afterwards)).isPresent());
        assertThat(TestProgram.state(programs).current()).get().extracting(Registration::registrationId)
                .isEqualTo(registration.registrationId());
    }

    private static VtnXml.Event dispatch(String vtnEventId, Instant start) {
        return VtnXml.event(vtnEventId, start).ven(VEN).signal(VtnXml.signal("LOAD_DISPATCH", "delta", QUARTER,
                "-0.5", "-0.75").withItem(VtnXml.powerReal("W", "M")));
    }

    private VtnOutcome send(String requestId, VtnXml.Event... events) {
        return handle(VtnXml.distribute(requestId, scenario.vtnId(), events));
    }

    private VtnOutcome handle(String xml) {
        VtnOutcome outcome = TestProgram.connection(programs).messages().handle(xml, scenario, new Unsent());
        assertThat(outcome.kind()).as(outcome.detail()).isEqualTo(VtnOutcome.Kind.EVENTS);
        return outcome;
    }

    private static DistributionResult events(VtnOutcome outcome) {
        return outcome.events().orElseThrow();
    }

    /**
     * The oadrCreatedEvent the handler built, one line per eventResponse: {@code eventID/modification optType code};
     * checks on the way that it is ours and quotes the distribution's requestID throughout.
     */
    private static List<String> answers(VtnOutcome outcome, String requestId) {
        OadrPayload payload = events(outcome).createdEvent().orElseThrow(() -> new AssertionError("no answer"));
        EiCreatedEvent created = ((OadrCreatedEventType) OadrMessages.body(payload)).getEiCreatedEvent();
        assertThat(created.getVenID()).isEqualTo(VEN);
        assertThat(created.getEiResponse().getRequestID()).isEqualTo(requestId);
        assertThat(created.getEiResponse().getResponseCode()).isEqualTo("200");
        List<String> lines = new ArrayList<>();
        for (var response : created.getEventResponses().getEventResponse()) {
            assertThat(response.getRequestID()).isEqualTo(requestId);
            lines.add(response.getQualifiedEventID().getEventID() + "/"
                    + response.getQualifiedEventID().getModificationNumber() + " " + response.getOptType().value()
                    + " " + response.getResponseCode());
        }
        return lines;
    }

    private String eventId(String vtnEventId) {
        return scenario.vtnId() + "/" + vtnEventId;
    }

    /** What the gateway queued for dispatch for one event, in modification order. */
    private List<DrEvent> published(String vtnEventId) throws SQLException {
        List<DrEvent> events = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT payload FROM gateway.outbox WHERE event_id = ? ORDER BY modification_number")) {
            select.setString(1, eventId(vtnEventId));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    DrEvent event = codec.decode(DrEvent.class, rs.getString(1));
                    assertThat(event.program()).isEqualTo(scenario.program());
                    events.add(event);
                }
            }
        }
        return events;
    }

    private String storedOptType(String vtnEventId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection
                        .prepareStatement("SELECT opt_type FROM gateway.dr_event WHERE event_id = ?")) {
            select.setString(1, eventId(vtnEventId));
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).as("stored " + vtnEventId).isTrue();
                return rs.getString(1);
            }
        }
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private double refusedCreatedEvents() {
        var counter = meters.find("gridflex.gateway.answers.refused").tag("message", "oadrCreatedEvent").counter();
        return counter == null ? 0 : counter.count();
    }

    /** Answers kept, not sent: the VTN simulator does not know the scenario programs' VENs. */
    private static final class Unsent implements VtnAnswers {

        @Override
        public Optional<OadrPayload> answer(VtnService service, OadrPayload answer) {
            return Optional.empty();
        }

        @Override
        public void afterwards(Runnable send) {
            // The oadrCreatedEvent is read from the handler's result instead.
        }
    }
}
