package io.gridflex.gateway.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.gridflex.gateway.event.Decision;
import io.gridflex.gateway.program.Programs;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.support.TestProgram;
import io.gridflex.gateway.support.VtnAdmin;
import io.gridflex.gateway.support.VtnSimulator;
import io.gridflex.gateway.support.VtnSimulatorTestResource;
import io.gridflex.openadr.DispatchInterval;
import io.gridflex.openadr.LoadDispatchEvent;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.ReportDataPoint;
import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Messages a VTN might send, fed to the gateway's handling layer directly: hostile or malformed documents are refused
 * with the right code and change nothing; repeated and older revisions publish nothing; reregistration and
 * cancellation requests are carried out against the real VTN simulator.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(VtnSimulatorTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "ven-gateway"))
class VtnMessageHandlingTest {

    private static final OpenAdrXml XML = new OpenAdrXml();
    private static final Duration REGISTERING = Duration.ofSeconds(30);

    @Inject
    Programs programs;

    @Inject
    DataSource dataSource;

    private Registration registration;

    @BeforeEach
    void registered() {
        registration = await("registration with the VTN").atMost(REGISTERING)
                .until(() -> TestProgram.state(programs).current().orElse(null), r -> r != null);
        // The simulator's answer to the oadrRequestEvent that follows a (re-)registration would implicitly cancel
        // the crafted events of a test running meanwhile; it is handled before the next poll is counted.
        Instant registeredAt = registration.registeredAt();
        await("a poll after registering").atMost(REGISTERING)
                .until(() -> TestProgram.state(programs).lastPollAt().filter(at -> at.isAfter(registeredAt))
                        .isPresent());
    }

    static Stream<Arguments> hostileMessages() {
        return Stream.of(
                Arguments.of("external entity", """
                        <?xml version="1.0"?>
                        <!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                        <p>&xxe;</p>""", OadrResponseCode.NOT_ALLOWED),
                Arguments.of("entity expansion", """
                        <?xml version="1.0"?>
                        <!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                        <p>&b;&b;&b;&b;&b;&b;&b;&b;</p>""", OadrResponseCode.NOT_ALLOWED),
                Arguments.of("not well-formed", "<oadrPayload><unclosed></oadrPayload>",
                        OadrResponseCode.BAD_REQUEST),
                Arguments.of("empty", "", OadrResponseCode.BAD_REQUEST),
                Arguments.of("wrong root", "<html><body>maintenance</body></html>",
                        OadrResponseCode.COMPLIANCE_ERROR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileMessages")
    void hostileOrMalformedXmlIsRefusedAndChangesNothing(String what, String xml, OadrResponseCode code)
            throws SQLException {
        long before = rows("gateway.dr_event") + rows("gateway.distribution") + rows("gateway.outbox");

        VtnOutcome outcome = TestProgram.connection(programs).messages().handle(xml, registration);

        assertThat(outcome.kind()).isEqualTo(VtnOutcome.Kind.REFUSED);
        assertThat(outcome.code()).isEqualTo(code);
        assertThat(rows("gateway.dr_event") + rows("gateway.distribution") + rows("gateway.outbox"))
                .isEqualTo(before);
    }

    @Test
    void aSchemaInvalidDistributeEventIsRefusedAsInvalidData() throws SQLException {
        String valid = XML.marshal(distribute(registration.vtnId(), "invalid-1", 0, registration.venId()));
        String invalid = valid.replaceFirst("eventStatus>far<", "eventStatus>postponed<");
        assertThat(invalid).isNotEqualTo(valid);
        long before = rows("gateway.dr_event");

        VtnOutcome outcome = TestProgram.connection(programs).messages().handle(invalid, registration);

        assertThat(outcome.kind()).isEqualTo(VtnOutcome.Kind.REFUSED);
        assertThat(outcome.code()).isEqualTo(OadrResponseCode.INVALID_DATA);
        assertThat(rows("gateway.dr_event")).isEqualTo(before);
    }

    @Test
    void eventsFromAnotherVtnAreRefused() throws SQLException {
        long before = rows("gateway.dr_event");

        VtnOutcome outcome = TestProgram.connection(programs).messages().handle(
                XML.marshal(distribute("impostor-vtn", "foreign-1", 0, registration.venId())), registration);

        assertThat(outcome.kind()).isEqualTo(VtnOutcome.Kind.REFUSED);
        assertThat(outcome.code()).isEqualTo(OadrResponseCode.INVALID_ID);
        assertThat(rows("gateway.dr_event")).isEqualTo(before);
        assertThat(outboxRows(registration.vtnId() + "/foreign-1")).isZero();
    }

    @Test
    void aVtnIdDifferingOnlyInCaseIsAnsweredWithAnOptOut452PerEventAndChangesNothing() throws SQLException {
        VtnAdmin vtn = new VtnAdmin(VtnSimulator.shared().baseUrl());
        String vtnEventId = vtn.createEvent(registration.venId(), 100,
                Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS), 600);
        String swapped = swapCase(registration.vtnId());
        assertThat(swapped).isNotEqualTo(registration.vtnId());
        long before = rows("gateway.dr_event");

        VtnOutcome outcome = TestProgram.connection(programs).messages()
                .handle(XML.marshal(distribute(swapped, vtnEventId, 0, registration.venId())), registration);

        assertThat(outcome.kind()).isEqualTo(VtnOutcome.Kind.REFUSED);
        assertThat(outcome.code()).isEqualTo(OadrResponseCode.INVALID_ID);
        assertThat(rows("gateway.dr_event")).isEqualTo(before);
        Map<String, Object> answered = vtn.delivery(vtnEventId, registration.venId());
        assertThat(answered).containsEntry("optType", "optOut").containsEntry("responseCode", "452");
        // The poll loop receives the real event too: waited for here, else its distribution can arrive in the middle
        // of a later test and implicitly cancel the events that test crafted.
        String eventId = registration.vtnId() + "/" + vtnEventId;
        await("the poll loop stored the event").atMost(REGISTERING).until(() -> outboxRows(eventId) > 0);
    }

    private static String swapCase(String text) {
        StringBuilder swapped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            swapped.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return swapped.toString();
    }

    @Test
    void repeatedAndOlderRevisionsArePublishedNoMore() throws SQLException {
        String vtnEventId = "crafted-" + System.nanoTime();
        String eventId = registration.vtnId() + "/" + vtnEventId;
        String first = XML.marshal(distribute(registration.vtnId(), vtnEventId, 0, registration.venId()));

        assertThat(decision(TestProgram.connection(programs).messages().handle(first, registration)))
                .isEqualTo(Decision.Kind.NEW_REVISION);
        assertThat(decision(TestProgram.connection(programs).messages().handle(first, registration)))
                .isEqualTo(Decision.Kind.DUPLICATE);
        assertThat(outboxRows(eventId)).isEqualTo(1);

        String second = XML.marshal(distribute(registration.vtnId(), vtnEventId, 1, registration.venId()));
        assertThat(decision(TestProgram.connection(programs).messages().handle(second, registration)))
                .isEqualTo(Decision.Kind.NEW_REVISION);
        assertThat(decision(TestProgram.connection(programs).messages().handle(first, registration)))
                .isEqualTo(Decision.Kind.OUT_OF_SEQUENCE);
        assertThat(outboxRows(eventId)).isEqualTo(2);
        // Only the messages that changed something are kept for audit, verbatim.
        assertThat(count("SELECT count(*) FROM gateway.distribution WHERE xml LIKE ?", "%" + vtnEventId + "%"))
                .isEqualTo(2);
        await("both revisions published").atMost(REGISTERING).until(() -> unpublishedRows(eventId) == 0);
    }

    @Test
    void anEventForAnotherVenIsStoredAsOptedOutAndNotPublished() throws SQLException {
        String vtnEventId = "not-ours-" + System.nanoTime();

        VtnOutcome outcome = TestProgram.connection(programs).messages().handle(
                XML.marshal(distribute(registration.vtnId(), vtnEventId, 0, "another-ven")), registration);

        Decision decision = outcome.events().orElseThrow().decisions().getFirst();
        assertThat(decision.code()).isEqualTo(OadrResponseCode.TARGET_MISMATCH);
        assertThat(decision.optType().value()).isEqualTo("optOut");
        assertThat(outboxRows(registration.vtnId() + "/" + vtnEventId)).isZero();
    }

    @Test
    void aVtnOfferingItsReportsIsAnsweredRegisteredAndAskedForNothingWhenNoneIsConfigured() {
        VtnOutcome outcome = TestProgram.connection(programs).messages().handle(
                XML.marshal(OadrReports.registerReport("vtn-register-1", null,
                        List.of(OadrReports.telemetryMetadata("vtn-meter", Instant.now(), Duration.ofSeconds(10),
                                Duration.ofMinutes(1),
                                List.of(new ReportDataPoint("feeder.power", "feeder-1", "usage", "Direct Read")))))),
                registration);

        assertThat(outcome.kind()).isEqualTo(VtnOutcome.Kind.REPORT_ANSWERED);
        assertThat(outcome.code()).isEqualTo(OadrResponseCode.OK);
        assertThat(outcome.detail()).contains("oadrRegisterReport of 1 report(s) stored; 0 requested")
                .endsWith("the VTN acknowledged");
    }

    @Test
    void aRequestForAReportThisVenNeverOfferedIsRefusedAsAnInvalidId() {
        VtnOutcome outcome = TestProgram.connection(programs).messages().handle(
                XML.marshal(OadrReports.createReport("vtn-create-1",
                        registration.venId(), List.of(OadrReports.reportRequest("req-1", "TELEMETRY_USAGE_NOT_OFFERED",
                                Duration.ofSeconds(10), Duration.ofMinutes(1), List.of("rid-1"))))),
                registration);

        assertThat(outcome.kind()).isEqualTo(VtnOutcome.Kind.REPORT_ANSWERED);
        assertThat(outcome.code()).isEqualTo(OadrResponseCode.INVALID_ID);
        assertThat(outcome.detail()).contains("TELEMETRY_USAGE_NOT_OFFERED").endsWith("VTN answered 200 OK");
    }

    @Test
    void cancellingAReportNeverRequestedIsAnInvalidIdAndChangesNothing() throws SQLException {
        long before = rows("gateway.report_request");

        VtnOutcome outcome = TestProgram.connection(programs).messages()
                .handle(XML.marshal(OadrReports.cancelReport("vtn-cancel-1", List.of("req-never-made"),
                        false, registration.venId())), registration);

        assertThat(outcome.kind()).isEqualTo(VtnOutcome.Kind.REPORT_ANSWERED);
        assertThat(outcome.code()).isEqualTo(OadrResponseCode.INVALID_ID);
        assertThat(outcome.detail()).contains("req-never-made", "0 cancelled").endsWith("VTN answered 200 OK");
        assertThat(rows("gateway.report_request")).isEqualTo(before);
    }

    @Test
    void aReregistrationRequestRegistersAgainWithTheVtn() {
        VtnAdmin vtn = new VtnAdmin(VtnSimulator.shared().baseUrl());
        long before = vtn.lastMessage();

        VtnOutcome outcome = TestProgram.connection(programs).messages().handle(
                XML.marshal(OadrMessages.requestReregistration(registration.venId())),
                registration);

        assertThat(outcome.kind()).isEqualTo(VtnOutcome.Kind.REREGISTERED);
        Registration renewed = TestProgram.state(programs).current().orElseThrow();
        assertThat(renewed.vtnId()).isEqualTo(registration.vtnId());
        assertThat(renewed.registeredAt()).isAfter(registration.registeredAt());
        // On the wire: the request acknowledged with oadrResponse 200, then oadrCreatePartyRegistration carrying the
        // IDs in force.
        List<Map<String, Object>> sent = ours(vtn.messagesAfter(before), registration.venId());
        int ack = indexOf(sent, 0, "oadrResponse");
        assertThat(ack).as("oadrResponse to the request").isNotNegative();
        assertThat(sent.get(ack)).containsEntry("service", "EiRegisterParty").containsEntry("responseCode", "200");
        int create = indexOf(sent, ack, "oadrCreatePartyRegistration");
        assertThat(create).as("oadrCreatePartyRegistration after the acknowledgement").isGreaterThan(ack);
        assertThat(sent.get(create)).containsEntry("registrationId", registration.registrationId())
                .containsEntry("answerCode", "200");
    }

    /**
     * N1_0050, N1_0065, E1_1050, N1_0020: the VTN asks for a new registration in a poll reply; the VEN acknowledges,
     * registers with the IDs in force, and starts over in the bootstrap order: its report metadata, then its events,
     * then polling.
     */
    @Test
    void aVtnAskingInAPollForANewRegistrationGetsOneAndTheStartUpInOrder() {
        VtnAdmin vtn = new VtnAdmin(VtnSimulator.shared().baseUrl());
        long before = vtn.lastMessage();

        vtn.requestReregistration(registration.venId());

        List<Map<String, Object>> sent = await("the start-up after registering again").atMost(REGISTERING)
                .until(() -> ours(vtn.messagesAfter(before), registration.venId()),
                        messages -> indexOf(messages, indexOf(messages, 0, "oadrRequestEvent") + 1, "oadrPoll") > 0
                                && indexOf(messages, 0, "oadrRequestEvent") > 0);
        int asked = -1;
        for (int i = 0; i < sent.size() && asked < 0; i++) {
            asked = "oadrRequestReregistration".equals(sent.get(i).get("answer")) ? i : -1;
        }
        assertThat(asked).as("a poll answered with oadrRequestReregistration").isNotNegative();
        int ack = indexOf(sent, asked, "oadrResponse");
        assertThat(ack).as("the oadrResponse acknowledging it").isEqualTo(asked + 1);
        assertThat(sent.get(ack)).containsEntry("service", "EiRegisterParty").containsEntry("responseCode", "200");
        int create = indexOf(sent, ack, "oadrCreatePartyRegistration");
        assertThat(create).isEqualTo(ack + 1);
        assertThat(sent.get(create)).containsEntry("registrationId", registration.registrationId())
                .containsEntry("answerCode", "200");
        int reports = indexOf(sent, create, "oadrRegisterReport");
        int events = indexOf(sent, create, "oadrRequestEvent");
        assertThat(reports).as("oadrRegisterReport after registering").isGreaterThan(create);
        assertThat(events).as("oadrRequestEvent after oadrRegisterReport").isGreaterThan(reports);
        assertThat(indexOf(sent, create, "oadrPoll")).as("polling after oadrRequestEvent").isGreaterThan(events);
        assertThat(TestProgram.state(programs).current()).get().extracting(Registration::registrationId)
                .isEqualTo(registration.registrationId());
    }

    /** N1_0040: the VTN ends the registration in a poll reply; the VEN confirms with the IDs and starts afresh. */
    @Test
    void aVtnEndingTheRegistrationInAPollIsConfirmedAndAFreshRegistrationFollows() {
        VtnAdmin vtn = new VtnAdmin(VtnSimulator.shared().baseUrl());
        long before = vtn.lastMessage();

        vtn.cancelRegistration(registration.venId());

        Registration fresh = await("a new registration").atMost(REGISTERING)
                .until(() -> TestProgram.state(programs).current().orElse(null),
                        r -> r != null && !r.registrationId().equals(registration.registrationId()));
        List<Map<String, Object>> sent = ours(vtn.messagesAfter(before), registration.venId());
        int cancelled = -1;
        for (int i = 0; i < sent.size() && cancelled < 0; i++) {
            cancelled = "oadrCancelPartyRegistration".equals(sent.get(i).get("answer")) ? i : -1;
        }
        assertThat(cancelled).as("a poll answered with oadrCancelPartyRegistration").isNotNegative();
        assertThat(sent.get(cancelled + 1)).containsEntry("message", "oadrCanceledPartyRegistration")
                .containsEntry("registrationId", registration.registrationId()).containsEntry("responseCode", "200")
                .containsEntry("answerCode", "200");
        assertThat(fresh.venId()).isNotEqualTo(registration.venId());
    }

    @Test
    void aCancelledRegistrationIsForgottenAndReplacedByANewOne() {
        VtnAdmin vtn = new VtnAdmin(VtnSimulator.shared().baseUrl());
        long before = vtn.lastMessage();

        VtnOutcome outcome = TestProgram.connection(programs).messages()
                .handle(XML.marshal(OadrMessages.cancelPartyRegistration("cancel-1",
                        registration.registrationId(), registration.venId())), registration);

        assertThat(outcome.kind()).isEqualTo(VtnOutcome.Kind.REGISTRATION_LOST);
        Registration fresh = await("a new registration").atMost(REGISTERING)
                .until(() -> TestProgram.state(programs).current().orElse(null),
                        r -> r != null && !r.registrationId().equals(registration.registrationId()));
        assertThat(fresh.vtnId()).isEqualTo(registration.vtnId());
        // The confirmation carries the cancelled registration's IDs and quotes the VTN's request.
        List<Map<String, Object>> sent = vtn.messagesAfter(before);
        assertThat(ours(sent, registration.venId())).filteredOn(m -> "cancel-1".equals(m.get("requestId")))
                .singleElement().satisfies(m -> assertThat(m)
                        .containsEntry("message", "oadrCanceledPartyRegistration")
                        .containsEntry("registrationId", registration.registrationId())
                        .containsEntry("responseCode", "200"));
        // The new registration does not present the cancelled registrationID, and starts up in order: metadata
        // reports registered, then events asked for, then polling.
        List<Map<String, Object>> startUp = await("the new registration's start-up").atMost(REGISTERING)
                .until(() -> startUp(vtn.messagesAfter(before), fresh.venId()),
                        messages -> indexOf(messages, 0, "oadrPoll") > 0);
        assertThat(startUp.getFirst()).containsEntry("message", "oadrCreatePartyRegistration")
                .doesNotContainEntry("registrationId", registration.registrationId());
        int reports = indexOf(startUp, 0, "oadrRegisterReport");
        int events = indexOf(startUp, 0, "oadrRequestEvent");
        assertThat(reports).as("oadrRegisterReport").isPositive();
        assertThat(events).as("oadrRequestEvent after oadrRegisterReport").isGreaterThan(reports);
        assertThat(indexOf(startUp, 0, "oadrPoll")).as("the first oadrPoll after oadrRequestEvent")
                .isGreaterThan(events);
    }

    /** The index of the first {@code message} after index {@code from}, -1 when none. */
    private static int indexOf(List<Map<String, Object>> messages, int from, String message) {
        for (int i = from; i < messages.size(); i++) {
            if (message.equals(messages.get(i).get("message"))) {
                return i;
            }
        }
        return -1;
    }

    /** What {@code venId} sent. */
    private static List<Map<String, Object>> ours(List<Map<String, Object>> messages, String venId) {
        return messages.stream().filter(m -> venId.equals(m.get("venId"))).toList();
    }

    /** A fresh registration (which names no venID yet) and what the VEN it made sent afterwards. */
    private static List<Map<String, Object>> startUp(List<Map<String, Object>> messages, String venId) {
        int create = -1;
        for (int i = 0; i < messages.size(); i++) {
            if ("oadrCreatePartyRegistration".equals(messages.get(i).get("message"))
                    && "200".equals(messages.get(i).get("answerCode"))) {
                create = i;
            }
        }
        if (create < 0) {
            return List.of();
        }
        List<Map<String, Object>> startUp = new ArrayList<>(List.of(messages.get(create)));
        startUp.addAll(ours(messages.subList(create + 1, messages.size()), venId));
        return startUp;
    }

    /** 452 from a VTN whose state was reset; 463 (not registered or authorized) is N1_0080's "payload while unregistered". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = OadrResponseCode.class, names = {"INVALID_ID", "NOT_REGISTERED_OR_AUTHORIZED"})
    void aVtnThatNoLongerKnowsUsLeadsToANewRegistration(OadrResponseCode code) {
        VtnOutcome outcome = TestProgram.connection(programs).messages()
                .handle(XML.marshal(OadrMessages.response(code, "VEN is not registered", null,
                        registration.venId())), registration);

        assertThat(outcome.kind()).isEqualTo(VtnOutcome.Kind.REGISTRATION_LOST);
        Registration fresh = await("a new registration").atMost(REGISTERING)
                .until(() -> TestProgram.state(programs).current().orElse(null),
                        r -> r != null && !r.registrationId().equals(registration.registrationId()));
        assertThat(fresh.vtnId()).isEqualTo(registration.vtnId());
    }

    @Test
    void aCancellationOfSomeoneElsesRegistrationIsRefused() {
        VtnOutcome outcome = TestProgram.connection(programs).messages()
                .handle(XML.marshal(OadrMessages.cancelPartyRegistration("cancel-2",
                        "not-our-registration", registration.venId())), registration);

        assertThat(outcome.kind()).isEqualTo(VtnOutcome.Kind.REFUSED);
        assertThat(outcome.code()).isEqualTo(OadrResponseCode.INVALID_ID);
        assertThat(TestProgram.state(programs).current()).isPresent();
    }

    @Test
    void aStoredRegistrationIsReusedInsteadOfRegisteringAgain() {
        VtnAdmin vtn = new VtnAdmin(VtnSimulator.shared().baseUrl());
        int vensBefore = vtn.registeredVens();

        Registration reused = TestProgram.connection(programs).registrations().obtain();

        assertThat(reused.venId()).isEqualTo(TestProgram.state(programs).current().orElseThrow().venId());
        assertThat(vtn.registeredVens()).isEqualTo(vensBefore);
    }

    /** One LOAD_DISPATCH event for {@code venId}, built with the model's builders; no answer asked for. */
    private static OadrPayload distribute(String vtnId, String vtnEventId, long modification, String venId) {
        Instant start = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        LoadDispatchEvent event = new LoadDispatchEvent(vtnEventId, modification, "oadr://gridflex.io/test",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), EventStatusEnumeratedType.FAR, start,
                List.of(new DispatchInterval(Duration.ofMinutes(15), -0.75)), List.of(venId), false);
        return OadrMessages.distributeEvent("req-" + vtnEventId + "-" + modification, vtnId, event);
    }

    private static Decision.Kind decision(VtnOutcome outcome) {
        assertThat(outcome.kind()).isEqualTo(VtnOutcome.Kind.EVENTS);
        return outcome.events().orElseThrow().decisions().getFirst().kind();
    }

    private long rows(String table) throws SQLException {
        return count("SELECT count(*) FROM " + table, null);
    }

    private long outboxRows(String eventId) throws SQLException {
        return count("SELECT count(*) FROM gateway.outbox WHERE event_id = ?", eventId);
    }

    private long unpublishedRows(String eventId) throws SQLException {
        return count("SELECT count(*) FROM gateway.outbox WHERE event_id = ? AND published_at IS NULL", eventId);
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
