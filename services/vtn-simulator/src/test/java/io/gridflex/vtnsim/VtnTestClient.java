package io.gridflex.vtnsim;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.gridflex.openadr.EventReply;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.VenExchange;
import io.gridflex.openadr.model.ei.EiResponseType;
import io.gridflex.openadr.model.oadr.OadrCreatedPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrResponseType;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A VEN's side of the simpleHTTP exchange, for tests: requests are built with the shared message builders, and every
 * reply must pass the shared codec, i.e. validate against GridFlex's OpenADR 2.0b schema.
 */
public final class VtnTestClient {

    public static final String BASE = "/OpenADR2/Simple/2.0b/";
    public static final OpenAdrXml CODEC = new OpenAdrXml();

    private VtnTestClient() {
    }

    /** Posts a message and returns the validated reply. */
    public static OadrPayload post(String service, OadrPayload request) {
        return postXml(service, CODEC.marshal(request));
    }

    /** Posts raw text, expecting HTTP 200 and a valid oadrPayload back. */
    public static OadrPayload postXml(String service, String body) {
        String reply = given().contentType("application/xml").body(body)
                .when().post(BASE + service)
                .then().statusCode(200).contentType(startsWith("application/xml"))
                .extract().asString();
        return CODEC.unmarshal(reply);
    }

    public static OadrResponseType response(OadrPayload payload) {
        OadrResponseType response = payload.getOadrSignedObject().getOadrResponse();
        assertThat(response).as("an oadrResponse").isNotNull();
        return response;
    }

    public static OadrDistributeEventType distribution(OadrPayload payload) {
        OadrDistributeEventType distribute = payload.getOadrSignedObject().getOadrDistributeEvent();
        assertThat(distribute).as("an oadrDistributeEvent").isNotNull();
        return distribute;
    }

    public static String code(EiResponseType response) {
        return response.getResponseCode();
    }

    /** A new pull VEN, registered; returns the IDs the VTN assigned. */
    public static Registration register(String venName) {
        OadrPayload reply = post("EiRegisterParty",
                OadrMessages.createPartyRegistration(requestId(), venName, VenExchange.pull(), false));
        OadrCreatedPartyRegistrationType created = reply.getOadrSignedObject().getOadrCreatedPartyRegistration();
        assertThat(code(created.getEiResponse())).isEqualTo("200");
        return new Registration(created.getVenID(), created.getRegistrationID());
    }

    public static OadrPayload poll(String venId) {
        return post("OadrPoll", OadrMessages.poll(venId));
    }

    public static OadrPayload answer(String venId, String requestId, EventReply... replies) {
        return post("EiEvent", OadrMessages.createdEvent(venId, requestId, List.of(replies)));
    }

    /** Creates an event through the admin API and returns its ID. */
    public static String createEvent(String venId, double reductionKw, int durationSeconds) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("reductionKw", reductionKw, "durationSeconds", durationSeconds, "venId", venId))
                .when().post("/admin/events")
                .then().statusCode(201)
                .extract().path("eventId");
    }

    public static JsonPath adminEvent(String eventId) {
        return given().when().get("/admin/events/" + eventId).then().statusCode(200).extract().jsonPath();
    }

    public static List<Map<String, Object>> vens() {
        return given().when().get("/admin/vens").then().statusCode(200).extract().jsonPath().getList("$");
    }

    public static String requestId() {
        return "req-" + UUID.randomUUID();
    }

    public static Instant instant(String text) {
        return Instant.parse(text);
    }

    public record Registration(String venId, String registrationId) {
    }
}
