package io.gridflex.openadr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.gridflex.openadr.model.ei.EiEventSignalType;
import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;
import io.gridflex.openadr.model.ei.PayloadFloatType;
import io.gridflex.openadr.model.ei.SignalPayloadType;
import io.gridflex.openadr.model.ei.SignalTypeEnumeratedType;
import io.gridflex.openadr.model.oadr.OadrCreatedPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrResponseType;
import io.gridflex.openadr.model.oadr.OadrTransportType;
import io.gridflex.openadr.model.oadr.ResponseRequiredType;

/** Messages captured from a third-party VTN, signed and unsigned, read with our codec. */
class CapturedSamplesTest {

    private static final OpenAdrXml XML = new OpenAdrXml();

    static List<Path> samples() throws IOException {
        return SharedOpenAdrFiles.samples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleIsReadable(Path sample) throws IOException {
        OadrPayload payload = XML.unmarshal(Files.readAllBytes(sample));

        String name = sample.getFileName().toString();
        assertThat(OadrMessages.body(payload)).isNotNull();
        assertThat(payload.getOadrSignedObject().getId()).isEqualTo("oadrSignedObject");
        assertThat(payload.getSignature() != null).as("signed: %s", name).isEqualTo(name.contains("secure"));
    }

    @Test
    void signedDistributeEventKeepsItsSignatureAndEvent() throws IOException {
        OadrPayload payload = XML.unmarshal(SharedOpenAdrFiles.sample("captured_secure_oadrDistributeEvent.xml"));

        assertThat(payload.getSignature().getAny()).hasSizeGreaterThanOrEqualTo(4);
        OadrDistributeEventType distribute = payload.getOadrSignedObject().getOadrDistributeEvent();
        assertThat(distribute.getVtnID()).isEqualTo("MYVTN");
        assertThat(distribute.getRequestID()).isEqualTo("fac30236-001a-4f2d-bc33-ba2a638e6d2c");
        OadrDistributeEventType.OadrEvent event = distribute.getOadrEvent().get(0);
        assertThat(event.getOadrResponseRequired()).isEqualTo(ResponseRequiredType.ALWAYS);
        assertThat(event.getEiEvent().getEventDescriptor().getEventID())
                .isEqualTo("125cdbfe-4965-429d-aa62-c75aa3a5c834");
        assertThat(event.getEiEvent().getEventDescriptor().getEventStatus()).isEqualTo(EventStatusEnumeratedType.FAR);
        assertThat(event.getEiEvent().getEventDescriptor().getEiMarketContext().getMarketContext())
                .isEqualTo("oadr://example.com/dr-program");
        assertThat(event.getEiEvent().getEiActivePeriod().getProperties().getDtstart().getDateTime())
                .isEqualTo(Instant.parse("2026-11-21T21:22:48.983053Z"));
        assertThat(event.getEiEvent().getEiActivePeriod().getProperties().getDuration().getDuration())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(event.getEiEvent().getEiTarget().getVenID()).containsExactly("ven_id_123");

        EiEventSignalType signal = event.getEiEvent().getEiEventSignals().getEiEventSignal().get(0);
        assertThat(signal.getSignalName()).isEqualTo("LOAD_DISPATCH");
        assertThat(signal.getSignalType()).isEqualTo(SignalTypeEnumeratedType.DELTA);
        assertThat(signal.getIntervals().getInterval()).singleElement().satisfies(interval -> {
            assertThat(interval.getDuration().getDuration()).isEqualTo(Duration.ofMinutes(10));
            assertThat(interval.getUid().getText()).isEqualTo("0");
            SignalPayloadType payloadValue = (SignalPayloadType) interval.getStreamPayloadBase().get(0).getValue();
            assertThat(((PayloadFloatType) payloadValue.getPayloadBase().getValue()).getValue()).isEqualTo(-2.5f);
        });
    }

    @Test
    void pollReplyWithRequestIdNoneIsAccepted() throws IOException {
        OadrDistributeEventType distribute = XML.unmarshal(SharedOpenAdrFiles.sample("resp_jaxb_oadrPoll.xml"))
                .getOadrSignedObject().getOadrDistributeEvent();

        assertThat(distribute.getEiResponse().getRequestID()).isEqualTo("None");
        EiEventSignalType signal = distribute.getOadrEvent().get(0).getEiEvent().getEiEventSignals()
                .getEiEventSignal().get(0);
        assertThat(signal.getSignalName()).isEqualTo("SIMPLE");
        assertThat(signal.getSignalType()).isEqualTo(SignalTypeEnumeratedType.LEVEL);
        assertThat(signal.getCurrentValue().getPayloadFloat().getValue()).isEqualTo(0f);
    }

    @Test
    void registrationRepliesCarryIdsAndPollFrequency() throws IOException {
        OadrCreatedPartyRegistrationType registered = XML
                .unmarshal(SharedOpenAdrFiles.sample("resp_jaxb_oadrCreatePartyRegistration.xml"))
                .getOadrSignedObject().getOadrCreatedPartyRegistration();
        OadrCreatedPartyRegistrationType queried = XML
                .unmarshal(SharedOpenAdrFiles.sample("captured_secure_oadrCreatedPartyRegistration.xml"))
                .getOadrSignedObject().getOadrCreatedPartyRegistration();

        assertThat(registered.getRegistrationID()).isEqualTo("reg_id_123");
        assertThat(registered.getVenID()).isEqualTo("ven_id_123");
        assertThat(registered.getOadrRequestedOadrPollFreq().getDuration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(registered.getOadrProfiles().getOadrProfile().get(0).getOadrTransports().getOadrTransport()
                .get(0).getOadrTransportName()).isEqualTo(OadrTransportType.SIMPLE_HTTP);
        assertThat(queried.getRegistrationID()).isEmpty();
        assertThat(queried.getVenID()).isEmpty();
        assertThat(queried.getOadrRequestedOadrPollFreq().getDuration()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void signedResponseWithEmptyRequestIdIsAccepted() throws IOException {
        OadrResponseType response = XML.unmarshal(SharedOpenAdrFiles.sample("captured_secure_oadrResponse.xml"))
                .getOadrSignedObject().getOadrResponse();

        assertThat(response.getEiResponse().getResponseCode()).isEqualTo("200");
        assertThat(response.getEiResponse().getRequestID()).isEmpty();
        assertThat(response.getVenID()).isEqualTo("ven_id_123");
    }
}
