package io.gridflex.vtnsim.openadr;

import static io.gridflex.vtnsim.VtnTestClient.CODEC;
import static io.gridflex.vtnsim.VtnTestClient.code;
import static io.gridflex.vtnsim.VtnTestClient.postXml;
import static io.gridflex.vtnsim.VtnTestClient.register;
import static io.gridflex.vtnsim.VtnTestClient.requestId;
import static io.gridflex.vtnsim.VtnTestClient.response;
import static io.gridflex.vtnsim.VtnTestClient.vens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gridflex.openadr.EventReply;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.OpenAdrXmlException;
import io.gridflex.openadr.VenExchange;
import io.gridflex.openadr.model.oadr.OadrResponseType;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Whatever a peer sends, the VTN answers in protocol and changes nothing: broken or hostile XML gets an oadrResponse
 * with the codec's code, a body that is not XML at all an HTTP 400, never a 500.
 */
@QuarkusTest
class HostileXmlTest {

    private static final String REGISTRATION = CODEC.marshal(
            OadrMessages.createPartyRegistration(requestId(), "PLACEHOLDER", VenExchange.pull(), false));

    @Test
    void anExternalEntityIsRefusedUnread() {
        int before = vens().size();
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE oadrPayload [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + withoutProlog(REGISTRATION.replace("PLACEHOLDER", "&xxe;"));

        OadrResponseType refused = response(postXml("EiRegisterParty", xxe));

        assertThat(code(refused.getEiResponse())).isEqualTo("451");
        assertThat(refused.getEiResponse().getResponseDescription()).doesNotContain("root:");
        assertThat(vens()).hasSize(before);
    }

    @Test
    void anEntityExpansionBombIsRefused() {
        int before = vens().size();
        StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            entities.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE oadrPayload [" + entities + "]>\n"
                + withoutProlog(REGISTRATION.replace("PLACEHOLDER", "&lol9;"));

        assertThat(code(response(postXml("EiRegisterParty", bomb)).getEiResponse())).isEqualTo("451");
        assertThat(vens()).hasSize(before);
    }

    @Test
    void brokenXmlIsABadRequestInProtocol() {
        String truncated = REGISTRATION.substring(0, REGISTRATION.length() / 2);

        assertThat(code(response(postXml("EiRegisterParty", truncated)).getEiResponse())).isEqualTo("400");
    }

    @Test
    void xmlThatIsNotOpenAdrIsAComplianceError() {
        assertThat(code(response(postXml("OadrPoll", "<poll><venID>x</venID></poll>")).getEiResponse()))
                .isEqualTo("459");
        String missingVenId = CODEC.marshal(OadrMessages.poll("ven-x")).replaceAll("<ei:venID>ven-x</ei:venID>", "");
        assertThat(code(response(postXml("OadrPoll", missingVenId)).getEiResponse())).isEqualTo("459");
    }

    @Test
    void aBadValueIsAnsweredWithTheCodecsCode() {
        String venId = register("site-bad-value").venId();
        String badNumber = CODEC.marshal(OadrMessages.createdEvent(venId, "r", List.of(EventReply.optIn("evt-x", 0))))
                .replace("<ei:modificationNumber>0</ei:modificationNumber>",
                        "<ei:modificationNumber>minus one</ei:modificationNumber>");
        OadrResponseCode codecSays = assertThrows(OpenAdrXmlException.class, () -> CODEC.unmarshal(badNumber))
                .responseCode();

        assertThat(codecSays).isNotEqualTo(OadrResponseCode.OK);
        assertThat(code(response(postXml("EiEvent", badNumber)).getEiResponse())).isEqualTo(codecSays.text());
    }

    @Test
    void aMessageSentToTheWrongServiceIsNotRecognized() {
        String venId = register("site-wrong-door").venId();

        assertThat(code(response(postXml("EiEvent", CODEC.marshal(OadrMessages.poll(venId))))
                .getEiResponse())).isEqualTo("453");
        assertThat(code(response(postXml("OadrPoll", CODEC.marshal(OadrMessages.queryRegistration("q"))))
                .getEiResponse())).isEqualTo("453");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EiRegisterParty", "OadrPoll", "EiEvent", "EiReport", "EiOpt"})
    void aBodyThatIsNotXmlAtAllIsAnHttpBadRequest(String service) {
        given().contentType("application/json").body("{\"venID\":\"x\"}")
                .when().post("/OpenADR2/Simple/2.0b/" + service)
                .then().statusCode(400)
                .body("error", equalTo("not-xml"))
                .body("detail", notNullValue());
        given().contentType("application/xml").body("")
                .when().post("/OpenADR2/Simple/2.0b/" + service)
                .then().statusCode(400)
                .body("error", equalTo("not-xml"));
    }

    private static String withoutProlog(String xml) {
        return xml.startsWith("<?xml") ? xml.substring(xml.indexOf("?>") + 2) : xml;
    }

}
