package io.gridflex.openadr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrPollType;

class OpenAdrXmlTest {

    private static final OpenAdrXml XML = new OpenAdrXml();

    @Test
    void rootIsOadrPayloadWithCustomaryPrefixesInOrder() {
        String xml = XML.marshal(OadrMessages.poll("ven-1"));

        assertThat(xml).contains("<oadr:oadrPayload ").contains("<oadr:oadrSignedObject oadr:Id=\"oadrSignedObject\">")
                .contains("<ei:venID>ven-1</ei:venID>").doesNotContain("ns2:").doesNotContain("ns3:");
        String rootTag = xml.substring(xml.indexOf("<oadr:oadrPayload"),
                xml.indexOf('>', xml.indexOf("<oadr:oadrPayload")));
        assertThat(rootTag).containsSubsequence("xmlns:oadr=", "xmlns:ei=", "xmlns:pyld=", "xmlns:xcal=", "xmlns:strm=",
                "xmlns:emix=", "xmlns:power=");
    }

    @Test
    void refusesToEmitAnInvalidMessage() {
        OadrPayload pollWithoutVen = OadrMessages.payload(s -> s.setOadrPoll(new OadrPollType()));

        assertThatIllegalArgumentException().isThrownBy(() -> XML.marshal(pollWithoutVen))
                .withMessageContaining("venID");
    }

    @Test
    void documentForSigningResolvesTheSignedObjectReference() {
        Document document = XML.toDocument(OadrMessages.poll("ven-1"));

        Element signed = document.getElementById(OpenAdrXml.SIGNED_OBJECT_ID);
        assertThat(signed).isNotNull();
        assertThat(signed.getLocalName()).isEqualTo("oadrSignedObject");
        assertThat(XML.unmarshal(document).getOadrSignedObject().getOadrPoll().getVenID()).isEqualTo("ven-1");
    }

    @Test
    void parsedDocumentRoundTripsThroughSerialization() {
        byte[] wire = XML.marshal(OadrMessages.poll("ven-1")).getBytes(StandardCharsets.UTF_8);

        Document parsed = XML.parse(wire);
        String serialized = XML.toXml(parsed);

        assertThat(parsed.getElementById(OpenAdrXml.SIGNED_OBJECT_ID)).isNotNull();
        assertThat(XML.unmarshal(serialized).getOadrSignedObject().getOadrPoll().getVenID()).isEqualTo("ven-1");
    }

    @Test
    void signatureElementComesBeforeTheSignedObject() throws Exception {
        String signed = XML.toXml(XML.parse(SharedOpenAdrFiles.sample("captured_secure_oadrResponse.xml")));

        assertThat(signed.indexOf("Signature")).isPositive().isLessThan(signed.indexOf("oadrSignedObject"));
        OadrPayload payload = XML.unmarshal(signed);
        String remarshalled = XML.marshal(payload);
        assertThat(remarshalled.indexOf("ds:Signature")).isPositive()
                .isLessThan(remarshalled.indexOf("oadr:oadrSignedObject"));
        SharedOpenAdrFiles.validateAgainstOfficialSchema(remarshalled);
    }
}
