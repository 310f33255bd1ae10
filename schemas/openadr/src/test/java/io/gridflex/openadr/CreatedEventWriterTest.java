package io.gridflex.openadr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.openadr.model.ds.SignatureType;
import io.gridflex.openadr.model.ei.EventResponses;
import io.gridflex.openadr.model.oadr.OadrCreatedEventType;
import io.gridflex.openadr.model.oadr.OadrPayload;

/**
 * {@link CreatedEventWriter} writes exactly what JAXB writes, character for character, and leaves to JAXB (which
 * validates, and refuses) every message it cannot vouch for.
 */
class CreatedEventWriterTest {

    private static final OpenAdrXml XML = new OpenAdrXml();

    @Test
    void writesWhatJaxbWritesForEveryAnswerAVenGives() throws Exception {
        List<OadrPayload> answers = new ArrayList<>();
        answers.add(OadrMessages.createdEvent("ven-1", "req-1", List.of()));
        answers.add(OadrMessages.createdEvent("ven-1", "req-1", List.of(EventReply.optIn("evt-1", 0))));
        List<EventReply> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(i % 3 == 0
                    ? EventReply.optOut("evt-" + i, i, OadrResponseCode.SIGNAL_NOT_SUPPORTED)
                    : EventReply.optIn("evt-" + i, 4_294_967_295L - i));
        }
        answers.add(OadrMessages.createdEvent("ven-site-a", "8ea4f9c0-3bd1-4f6e-a3c2-7c6b2f7e9d01", ten));
        answers.add(
                OadrMessages.createdEvent("VEN \"quoted\" & <tagged> 'apostrophe' ]]>", "caf\u00e9 \u20ac \ud83d\ude00",
                        OadrResponseCode.INVALID_ID, "vtnID <unknown> & refused",
                        List.of(EventReply.optOut("\u00fcber-event", 3, OadrResponseCode.OK))));
        answers.add(OadrMessages.createdEvent("ven-1", "", List.of(EventReply.optIn("", 1))));
        OadrPayload emptyResponses = OadrMessages.createdEvent("ven-1", "req-1", List.of());
        emptyResponses.getOadrSignedObject().getOadrCreatedEvent().getEiCreatedEvent()
                .setEventResponses(new EventResponses());
        answers.add(emptyResponses);
        OadrPayload noDescription = OadrMessages.createdEvent("ven-1", "req-1", List.of(EventReply.optIn("e", 1)));
        created(noDescription).getEiCreatedEvent().getEiResponse().setResponseDescription(null);
        created(noDescription).getEiCreatedEvent().getEventResponses().getEventResponse().get(0)
                .setResponseDescription(null);
        answers.add(noDescription);
        OadrPayload noIdNoVersion = OadrMessages.createdEvent("ven-1", "req-1", List.of(EventReply.optIn("e", 1)));
        noIdNoVersion.getOadrSignedObject().setId(null);
        created(noIdNoVersion).setSchemaVersion(null);
        answers.add(noIdNoVersion);

        for (OadrPayload answer : answers) {
            String direct = CreatedEventWriter.write(answer);
            assertThat(direct).as("written directly").isNotNull();
            assertThat(direct).isEqualTo(XML.marshalWithJaxb(answer));
            assertThat(XML.marshal(answer)).isEqualTo(direct);
            SharedOpenAdrFiles.validateAgainstOfficialSchema(direct);
            assertThat(XML.marshalWithJaxb(XML.unmarshal(direct))).as("reads back the same").isEqualTo(direct);
        }
    }

    @Test
    void leavesToJaxbWhatItCannotVouchFor() {
        OadrPayload tab = OadrMessages.createdEvent("ven\t1", "req-1", List.of(EventReply.optIn("evt-1", 0)));
        assertThat(CreatedEventWriter.write(tab)).isNull();
        assertThat(XML.marshal(tab)).isEqualTo(XML.marshalWithJaxb(tab)).contains("ven\t1");

        OadrPayload extension = OadrMessages.createdEvent("ven-1", "req-1", List.of());
        created(extension).setSchemaVersion("x-2.1");
        assertThat(CreatedEventWriter.write(extension)).isNull();
        assertThat(XML.marshal(extension)).contains("ei:schemaVersion=\"x-2.1\"");

        OadrPayload signed = OadrMessages.createdEvent("ven-1", "req-1", List.of());
        signed.setSignature(new SignatureType());
        assertThat(CreatedEventWriter.write(signed)).isNull();

        assertThat(CreatedEventWriter.write(OadrMessages.poll("ven-1"))).isNull();
        assertThat(CreatedEventWriter.write(OadrMessages.distributeEvent("r", "vtn", List.of()))).isNull();
    }

    @Test
    void anInvalidAnswerIsRefusedAsJaxbRefusesIt() {
        OadrPayload badCode = OadrMessages.createdEvent("ven-1", "req-1", List.of(EventReply.optIn("evt-1", 0)));
        created(badCode).getEiCreatedEvent().getEiResponse().setResponseCode("20");
        OadrPayload noVen = OadrMessages.createdEvent(null, "req-1", List.of(EventReply.optIn("evt-1", 0)));
        OadrPayload negative = OadrMessages.createdEvent("ven-1", "req-1", List.of(EventReply.optIn("evt-1", -1)));
        OadrPayload badId = OadrMessages.createdEvent("ven-1", "req-1", List.of());
        badId.getOadrSignedObject().setId("1-not-an-id");
        OadrPayload twoMessages = OadrMessages.createdEvent("ven-1", "req-1", List.of());
        twoMessages.getOadrSignedObject().setOadrPoll(
                OadrMessages.body(OadrMessages.poll("ven-1")) instanceof io.gridflex.openadr.model.oadr.OadrPollType p
                        ? p
                        : null);
        for (OadrPayload invalid : List.of(badCode, noVen, negative, badId, twoMessages)) {
            assertThat(CreatedEventWriter.write(invalid)).isNull();
            assertThatThrownBy(() -> XML.marshal(invalid)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Refusing to emit invalid OpenADR 2.0b");
        }
    }

    private static OadrCreatedEventType created(OadrPayload payload) {
        return payload.getOadrSignedObject().getOadrCreatedEvent();
    }
}
