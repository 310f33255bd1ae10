package io.gridflex.openadr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.gridflex.openadr.model.ei.EiEventSignalType;
import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;
import io.gridflex.openadr.model.ei.OptTypeType;
import io.gridflex.openadr.model.ei.PayloadFloatType;
import io.gridflex.openadr.model.ei.SignalPayloadType;
import io.gridflex.openadr.model.ei.SignalTypeEnumeratedType;
import io.gridflex.openadr.model.oadr.OadrCreatePartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrCreatedEventType;
import io.gridflex.openadr.model.oadr.OadrCreatedPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrPollType;
import io.gridflex.openadr.model.oadr.OadrResponseType;
import io.gridflex.openadr.model.power.PowerRealType;
import io.gridflex.openadr.model.siscale.SiScaleCodeType;

/** Everything GridFlex builds must be valid against the official OpenADR 2.0b schema and read back unchanged. */
class OadrMessagesTest {

    private static final OpenAdrXml XML = new OpenAdrXml();
    private static final Instant CREATED = Instant.parse("2026-05-04T10:15:30.250Z");
    private static final Instant START = Instant.parse("2026-05-04T11:00:00Z");

    static LoadDispatchEvent dispatch() {
        return new LoadDispatchEvent("evt-42", 3, "oadr://gridflex.io/dispatch", CREATED, EventStatusEnumeratedType.FAR,
                START, List.of(new DispatchInterval(Duration.ofMinutes(15), -2.5),
                        new DispatchInterval(Duration.ofMinutes(30), -1.25)),
                List.of("ven-1", "ven-2"), true);
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("oadrQueryRegistration", OadrMessages.queryRegistration("q-1")),
                Arguments.of("oadrCreatePartyRegistration pull",
                        OadrMessages.createPartyRegistration("r-1", "GridFlex VEN", VenExchange.pull(), false)),
                Arguments.of("oadrCreatePartyRegistration push re-registration",
                        OadrMessages.createPartyRegistration("r-2", "reg-7", "ven-1", "GridFlex VEN",
                                VenExchange.push("https://ven.gridflex.io:8443"), true)),
                Arguments.of("oadrCreatedPartyRegistration query answer",
                        OadrMessages.createdPartyRegistration(
                                OadrMessages.eiResponse(OadrResponseCode.OK, "OK", "q-1"), null, null, "VTN-1",
                                Duration.ofSeconds(10))),
                Arguments.of("oadrCreatedPartyRegistration",
                        OadrMessages.createdPartyRegistration(
                                OadrMessages.eiResponse(OadrResponseCode.OK, "OK", "r-1"), "reg-7", "ven-1", "VTN-1",
                                null)),
                Arguments.of("oadrCancelPartyRegistration",
                        OadrMessages.cancelPartyRegistration("c-1", "reg-7", "ven-1")),
                Arguments.of("oadrCanceledPartyRegistration",
                        OadrMessages.canceledPartyRegistration(
                                OadrMessages.eiResponse(OadrResponseCode.OK, null, "c-1"), "reg-7", "ven-1")),
                Arguments.of("oadrRequestReregistration", OadrMessages.requestReregistration("ven-1")),
                Arguments.of("oadrPoll", OadrMessages.poll("ven-1")),
                Arguments.of("oadrResponse",
                        OadrMessages.response(OadrResponseCode.OK, "OK", "d-1", "ven-1")),
                Arguments.of("oadrResponse refusal without venID",
                        OadrMessages.response(OadrResponseCode.NOT_REGISTERED_OR_AUTHORIZED, "unknown VEN", null,
                                null)),
                Arguments.of("oadrRequestEvent", OadrMessages.requestEvent("e-1", "ven-1", 5L)),
                Arguments.of("oadrDistributeEvent", OadrMessages.distributeEvent("d-1", "VTN-1", dispatch())),
                Arguments.of("oadrDistributeEvent without events",
                        OadrMessages.distributeEvent("d-2", "VTN-1", List.of())),
                Arguments.of("oadrCreatedEvent",
                        OadrMessages.createdEvent("ven-1", "d-1",
                                List.of(EventReply.optIn("evt-42", 3),
                                        EventReply.optOut("evt-43", 0, OadrResponseCode.SIGNAL_NOT_SUPPORTED)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void validatesAgainstTheOfficialSchema(String name, OadrPayload payload) {
        String xml = XML.marshal(payload);

        assertThatNoException().as(name + ":%n%s", xml)
                .isThrownBy(() -> SharedOpenAdrFiles.validateAgainstOfficialSchema(xml));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void isWrittenWithoutWhitespaceBetweenElementsAsPeersSendIt(String name, OadrPayload payload) {
        String xml = XML.marshal(payload);
        String body = xml.substring(xml.indexOf("?>") + 2);

        assertThat(body).as(name).doesNotContainPattern(">\\s+<").doesNotContain("\n");
    }

    /** The marshallers are pooled: writers on many threads at once each get their own message, whole. */
    @Test
    void manyThreadsWritingAtOnceEachGetTheirOwnMessage() throws Exception {
        List<OadrPayload> payloads = messages().map(a -> (OadrPayload) a.get()[1]).toList();
        List<String> alone = payloads.stream().map(XML::marshal).toList();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<List<String>>> written = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                written.add(threads.submit(() -> {
                    List<String> texts = new ArrayList<>();
                    for (int round = 0; round < 20; round++) {
                        payloads.forEach(p -> texts.add(XML.marshal(p)));
                    }
                    return texts;
                }));
            }
            for (Future<List<String>> thread : written) {
                List<String> texts = thread.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(texts.get(i)).isEqualTo(alone.get(i % alone.size()));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void readsBackAsTheSameMessage(String name, OadrPayload payload) {
        OadrPayload read = XML.unmarshal(XML.marshal(payload));

        assertThat(OadrMessages.body(read)).isInstanceOf(OadrMessages.body(payload).getClass());
        assertThat(read.getOadrSignedObject().getId()).isEqualTo(OpenAdrXml.SIGNED_OBJECT_ID);
        assertThat(XML.marshal(read)).isEqualTo(XML.marshal(payload));
    }

    @Test
    void pullRegistrationSaysPullAndHasNoAddress() {
        OadrCreatePartyRegistrationType create = (OadrCreatePartyRegistrationType) OadrMessages.body(XML.unmarshal(
                XML.marshal(OadrMessages.createPartyRegistration("r-1", "GridFlex VEN", VenExchange.pull(), true))));

        assertThat(create.isOadrHttpPullModel()).isTrue();
        assertThat(create.getOadrTransportAddress()).isNull();
        assertThat(create.isOadrXmlSignature()).isTrue();
        assertThat(create.getOadrVenName()).isEqualTo("GridFlex VEN");
        assertThat(create.getOadrProfileName()).isEqualTo("2.0b");
        assertThat(create.getSchemaVersion()).isEqualTo("2.0b");
    }

    @Test
    void pushRegistrationCarriesTheTransportAddress() {
        OadrCreatePartyRegistrationType create = (OadrCreatePartyRegistrationType) OadrMessages.body(
                XML.unmarshal(XML.marshal(OadrMessages.createPartyRegistration("r-1", "reg-7", "ven-1", "VEN",
                        VenExchange.push("https://ven.gridflex.io:8443"), false))));

        assertThat(create.isOadrHttpPullModel()).isFalse();
        assertThat(create.getOadrTransportAddress()).isEqualTo("https://ven.gridflex.io:8443");
        assertThat(create.getRegistrationID()).isEqualTo("reg-7");
        assertThat(create.getVenID()).isEqualTo("ven-1");
    }

    @Test
    void createdPartyRegistrationCarriesThePollFrequency() {
        OadrCreatedPartyRegistrationType created = (OadrCreatedPartyRegistrationType) OadrMessages.body(XML.unmarshal(
                XML.marshal(OadrMessages.createdPartyRegistration(
                        OadrMessages.eiResponse(OadrResponseCode.OK, "OK", "r-1"), "reg-7", "ven-1", "VTN-1",
                        Duration.ofSeconds(30)))));

        assertThat(created.getOadrRequestedOadrPollFreq().getDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(created.getEiResponse().getRequestID()).isEqualTo("r-1");
        assertThat(created.getOadrProfiles().getOadrProfile()).singleElement()
                .satisfies(p -> assertThat(p.getOadrProfileName()).isEqualTo("2.0b"));
    }

    @Test
    void pollAndResponseCarryTheirIds() {
        OadrPollType poll = (OadrPollType) OadrMessages.body(XML.unmarshal(XML.marshal(OadrMessages.poll("ven-9"))));
        OadrResponseType response = (OadrResponseType) OadrMessages.body(XML.unmarshal(XML.marshal(
                OadrMessages.response(OadrResponseCode.INVALID_ID, "no such event", "req-5", "ven-9"))));

        assertThat(poll.getVenID()).isEqualTo("ven-9");
        assertThat(response.getEiResponse().getResponseCode()).isEqualTo("452");
        assertThat(response.getEiResponse().getResponseDescription()).isEqualTo("no such event");
        assertThat(response.getEiResponse().getRequestID()).isEqualTo("req-5");
        assertThat(response.getVenID()).isEqualTo("ven-9");
    }

    @Test
    void aSimpleEventIsOneLevelSignalWithoutUnitsThatTheSchemaAccepts() {
        LoadDispatchEvent levels = new LoadDispatchEvent("evt-simple", 0, "oadr://test", CREATED,
                EventStatusEnumeratedType.FAR, CREATED.plusSeconds(3600),
                List.of(new DispatchInterval(Duration.ofMinutes(15), 1), new DispatchInterval(Duration.ofMinutes(15),
                        3)),
                List.of("ven-1"), true);
        OadrDistributeEventType distribute = (OadrDistributeEventType) OadrMessages.body(XML.unmarshal(XML.marshal(
                OadrMessages.distributeEvent("d-1", "VTN-1", List.of(OadrMessages.simpleEvent(levels))))));

        EiEventSignalType signal = distribute.getOadrEvent().getFirst().getEiEvent().getEiEventSignals()
                .getEiEventSignal().getFirst();
        assertThat(signal.getSignalName()).isEqualTo("SIMPLE");
        assertThat(signal.getSignalType()).isEqualTo(SignalTypeEnumeratedType.LEVEL);
        assertThat(signal.getItemBase()).isNull();
        assertThat(signal.getIntervals().getInterval()).extracting(i -> ((PayloadFloatType) ((SignalPayloadType) i
                .getStreamPayloadBase().getFirst().getValue()).getPayloadBase().getValue()).getValue())
                .containsExactly(1f, 3f);
        assertThatThrownBy(() -> OadrMessages.simpleEvent(new LoadDispatchEvent("evt-bad", 0, "oadr://test",
                CREATED, EventStatusEnumeratedType.FAR, CREATED, List.of(new DispatchInterval(Duration.ofMinutes(1),
                        -0.5)),
                List.of("ven-1"), true))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dispatchEventIsOneDeltaSignalInMegawatts() {
        OadrDistributeEventType distribute = (OadrDistributeEventType) OadrMessages
                .body(XML.unmarshal(XML.marshal(OadrMessages.distributeEvent("d-1", "VTN-1", dispatch()))));

        OadrDistributeEventType.OadrEvent event = distribute.getOadrEvent().get(0);
        assertThat(event.getEiEvent().getEventDescriptor().getEventID()).isEqualTo("evt-42");
        assertThat(event.getEiEvent().getEventDescriptor().getModificationNumber()).isEqualTo(3);
        assertThat(event.getEiEvent().getEventDescriptor().getCreatedDateTime()).isEqualTo(CREATED);
        assertThat(event.getEiEvent().getEiActivePeriod().getProperties().getDtstart().getDateTime())
                .isEqualTo(START);
        assertThat(event.getEiEvent().getEiActivePeriod().getProperties().getDuration().getDuration())
                .isEqualTo(Duration.ofMinutes(45));
        assertThat(event.getEiEvent().getEiTarget().getVenID()).containsExactly("ven-1", "ven-2");

        EiEventSignalType signal = event.getEiEvent().getEiEventSignals().getEiEventSignal().get(0);
        assertThat(signal.getSignalName()).isEqualTo("LOAD_DISPATCH");
        assertThat(signal.getSignalType().value()).isEqualTo("delta");
        PowerRealType unit = (PowerRealType) signal.getItemBase().getValue();
        assertThat(unit.getItemUnits()).isEqualTo("W");
        assertThat(unit.getSiScaleCode()).isEqualTo(SiScaleCodeType.MEGA);
        assertThat(signal.getIntervals().getInterval()).extracting(
                i -> i.getDuration().getDuration(),
                i -> ((PayloadFloatType) ((SignalPayloadType) i.getStreamPayloadBase().get(0).getValue())
                        .getPayloadBase().getValue()).getValue())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Duration.ofMinutes(15), -2.5f),
                        org.assertj.core.groups.Tuple.tuple(Duration.ofMinutes(30), -1.25f));
    }

    @Test
    void createdEventAnswersEachEvent() {
        OadrCreatedEventType created = (OadrCreatedEventType) OadrMessages.body(XML.unmarshal(XML.marshal(
                OadrMessages.createdEvent("ven-1", "d-1", List.of(EventReply.optIn("evt-42", 3),
                        EventReply.optOut("evt-43", 1, OadrResponseCode.SIGNAL_NOT_SUPPORTED))))));

        assertThat(created.getEiCreatedEvent().getVenID()).isEqualTo("ven-1");
        assertThat(created.getEiCreatedEvent().getEventResponses().getEventResponse())
                .extracting(r -> r.getQualifiedEventID().getEventID(),
                        r -> r.getQualifiedEventID().getModificationNumber(), r -> r.getOptType(),
                        r -> r.getResponseCode(), r -> r.getRequestID())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("evt-42", 3L, OptTypeType.OPT_IN, "200", "d-1"),
                        org.assertj.core.groups.Tuple.tuple("evt-43", 1L, OptTypeType.OPT_OUT, "460", "d-1"));
    }
}
