package io.gridflex.vtnsim.ven;

import static io.gridflex.vtnsim.VtnTestClient.code;
import static io.gridflex.vtnsim.VtnTestClient.poll;
import static io.gridflex.vtnsim.VtnTestClient.post;
import static io.gridflex.vtnsim.VtnTestClient.register;
import static io.gridflex.vtnsim.VtnTestClient.requestId;
import static io.gridflex.vtnsim.VtnTestClient.response;
import static io.gridflex.vtnsim.VtnTestClient.vens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.VenExchange;
import io.gridflex.openadr.model.oadr.OadrCanceledPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrCreatedPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrTransportType;
import io.gridflex.vtnsim.VtnTestClient.Registration;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RegistrationTest {

    @Test
    void aQueryTellsTheVtnIdAndThePollFrequency() {
        String requestId = requestId();
        OadrCreatedPartyRegistrationType created = post("EiRegisterParty", OadrMessages.queryRegistration(requestId))
                .getOadrSignedObject().getOadrCreatedPartyRegistration();

        assertThat(code(created.getEiResponse())).isEqualTo("200");
        assertThat(created.getEiResponse().getRequestID()).isEqualTo(requestId);
        assertThat(created.getVtnID()).isEqualTo("gridflex-vtn-sim");
        // The test profile asks for a short poll interval.
        assertThat(created.getOadrRequestedOadrPollFreq().getDuration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(created.getVenID()).isNull();
        assertThat(created.getOadrProfiles().getOadrProfile()).singleElement().satisfies(profile -> {
            assertThat(profile.getOadrProfileName()).isEqualTo("2.0b");
            assertThat(profile.getOadrTransports().getOadrTransport()).singleElement()
                    .satisfies(t -> assertThat(t.getOadrTransportName()).isEqualTo(OadrTransportType.SIMPLE_HTTP));
        });
    }

    @Test
    void aFullRegistrationLifecycle() {
        String requestId = requestId();
        OadrCreatedPartyRegistrationType created = post("EiRegisterParty",
                OadrMessages.createPartyRegistration(requestId, "site-lifecycle", VenExchange.pull(), false))
                .getOadrSignedObject().getOadrCreatedPartyRegistration();
        assertThat(code(created.getEiResponse())).isEqualTo("200");
        assertThat(created.getEiResponse().getRequestID()).isEqualTo(requestId);
        assertThat(created.getVenID()).isNotBlank();
        assertThat(created.getRegistrationID()).isNotBlank();
        assertThat(created.getVtnID()).isEqualTo("gridflex-vtn-sim");
        assertThat(created.getOadrRequestedOadrPollFreq().getDuration()).isEqualTo(Duration.ofSeconds(2));
        String venId = created.getVenID();

        Map<String, Object> listed = venRow(venId);
        assertThat(listed).containsEntry("venName", "site-lifecycle")
                .containsEntry("registrationId", created.getRegistrationID())
                .containsEntry("lastPollAt", null);
        assertThat(listed.get("registeredAt")).isNotNull();

        assertThat(code(response(poll(venId)).getEiResponse())).isEqualTo("200");
        assertThat(venRow(venId).get("lastPollAt")).isNotNull();

        // Re-registering with the venID we were given keeps both IDs.
        OadrCreatedPartyRegistrationType again = post("EiRegisterParty",
                OadrMessages.createPartyRegistration(requestId(), created.getRegistrationID(), venId,
                        "site-lifecycle-renamed", VenExchange.pull(), false))
                .getOadrSignedObject().getOadrCreatedPartyRegistration();
        assertThat(again.getVenID()).isEqualTo(venId);
        assertThat(again.getRegistrationID()).isEqualTo(created.getRegistrationID());
        assertThat(venRow(venId)).containsEntry("venName", "site-lifecycle-renamed");

        OadrCanceledPartyRegistrationType canceled = post("EiRegisterParty",
                OadrMessages.cancelPartyRegistration(requestId(), created.getRegistrationID(), venId))
                .getOadrSignedObject().getOadrCanceledPartyRegistration();
        assertThat(code(canceled.getEiResponse())).isEqualTo("200");
        assertThat(canceled.getRegistrationID()).isEqualTo(created.getRegistrationID());
        assertThat(vens()).noneMatch(ven -> venId.equals(ven.get("venId")));

        // A cancelled VEN is a stranger again.
        assertThat(code(response(poll(venId)).getEiResponse())).isEqualTo("452");

        // Every registration message is on record with the IDs it carried and the code answered.
        List<Map<String, Object>> messages = given().get("/admin/vens/registration-messages").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.venId == '" + venId + "' }");
        assertThat(messages).extracting(m -> m.get("type"), m -> m.get("registrationId"), m -> m.get("answerCode"))
                .containsExactly(
                        tuple("oadrCreatePartyRegistration", created.getRegistrationID(), 200),
                        tuple("oadrCancelPartyRegistration", created.getRegistrationID(), 200));
    }

    @Test
    void thisVtnAsksAPullVenToRegisterAgainAndEndsItsRegistrationInItsPolls() {
        Registration ven = register("site-vtn-initiated");

        given().post("/admin/vens/{venId}/reregistration", ven.venId()).then().statusCode(202);
        var request = poll(ven.venId()).getOadrSignedObject().getOadrRequestReregistration();
        assertThat(request).isNotNull();
        assertThat(request.getVenID()).isEqualTo(ven.venId());
        // Delivered once: the next poll has nothing.
        assertThat(code(response(poll(ven.venId())).getEiResponse())).isEqualTo("200");

        given().post("/admin/vens/{venId}/cancellation", ven.venId()).then().statusCode(202);
        var cancel = poll(ven.venId()).getOadrSignedObject().getOadrCancelPartyRegistration();
        assertThat(cancel.getRegistrationID()).isEqualTo(ven.registrationId());
        assertThat(cancel.getVenID()).isEqualTo(ven.venId());
        // The registration ended as the cancellation went out; the VEN's confirmation is acknowledged.
        assertThat(vens()).noneMatch(row -> ven.venId().equals(row.get("venId")));
        var confirmed = response(post("EiRegisterParty", OadrMessages.canceledPartyRegistration(
                OadrMessages.eiResponse(OadrResponseCode.OK, "OK", cancel.getRequestID()),
                ven.registrationId(), ven.venId())));
        assertThat(code(confirmed.getEiResponse())).isEqualTo("200");
        assertThat(code(response(poll(ven.venId())).getEiResponse())).isEqualTo("452");
        List<Map<String, Object>> logged = given().queryParam("venId", ven.venId()).get("/admin/messages").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertThat(logged).extracting(m -> m.get("message"), m -> m.get("answer"))
                .containsSubsequence(tuple("oadrPoll", "oadrRequestReregistration"),
                        tuple("oadrPoll", "oadrCancelPartyRegistration"),
                        tuple("oadrCanceledPartyRegistration", "oadrResponse"), tuple("oadrPoll", "oadrResponse"));

        given().post("/admin/vens/{venId}/reregistration", "ven-nobody").then().statusCode(404);
        given().post("/admin/vens/{venId}/cancellation", ven.venId()).then().statusCode(404);
    }

    @Test
    void anUnknownVenIdGetsANewOne() {
        OadrCreatedPartyRegistrationType created = post("EiRegisterParty",
                OadrMessages.createPartyRegistration(requestId(), "reg-from-elsewhere", "ven-from-elsewhere",
                        "site-stranger", VenExchange.pull(), false))
                .getOadrSignedObject().getOadrCreatedPartyRegistration();

        assertThat(code(created.getEiResponse())).isEqualTo("200");
        assertThat(created.getVenID()).isNotEqualTo("ven-from-elsewhere");
        assertThat(created.getRegistrationID()).isNotEqualTo("reg-from-elsewhere");
    }

    @Test
    void aPushVenThisVtnCannotCallIsRefused() {
        int before = vens().size();
        OadrCreatedPartyRegistrationType created = post("EiRegisterParty",
                OadrMessages.createPartyRegistration(requestId(), "site-push",
                        VenExchange.push("ftp://127.0.0.1:1/ven"), false))
                .getOadrSignedObject().getOadrCreatedPartyRegistration();

        assertThat(code(created.getEiResponse())).isEqualTo("451");
        assertThat(created.getVenID()).isNull();
        assertThat(vens()).hasSize(before);
    }

    @Test
    void aPushVenIsRegisteredWithItsTransportAddress() {
        OadrCreatedPartyRegistrationType created = post("EiRegisterParty",
                OadrMessages.createPartyRegistration(requestId(), "site-push",
                        VenExchange.push("https://127.0.0.1:1/ven/"), false))
                .getOadrSignedObject().getOadrCreatedPartyRegistration();

        assertThat(code(created.getEiResponse())).isEqualTo("200");
        assertThat(vens()).anySatisfy(ven -> {
            assertThat(ven.get("venId")).isEqualTo(created.getVenID());
            assertThat(ven.get("transportAddress")).isEqualTo("https://127.0.0.1:1/ven");
        });
    }

    @Test
    void cancellingAnUnknownRegistrationChangesNothing() {
        Registration ven = register("site-keep");
        int before = vens().size();

        OadrCanceledPartyRegistrationType wrongVen = post("EiRegisterParty",
                OadrMessages.cancelPartyRegistration(requestId(), ven.registrationId(), "ven-somebody-else"))
                .getOadrSignedObject().getOadrCanceledPartyRegistration();
        OadrCanceledPartyRegistrationType unknown = post("EiRegisterParty",
                OadrMessages.cancelPartyRegistration(requestId(), "reg-unknown", null))
                .getOadrSignedObject().getOadrCanceledPartyRegistration();

        assertThat(code(wrongVen.getEiResponse())).isEqualTo("452");
        assertThat(code(unknown.getEiResponse())).isEqualTo("452");
        assertThat(vens()).hasSize(before);
        assertThat(code(response(poll(ven.venId())).getEiResponse())).isEqualTo("200");
    }

    @Test
    void aPollFromAnUnknownVenIsAnInvalidId() {
        var response = response(poll("ven-never-registered"));

        assertThat(code(response.getEiResponse())).isEqualTo("452");
        assertThat(response.getVenID()).isEqualTo("ven-never-registered");
    }

    private static Map<String, Object> venRow(String venId) {
        return vens().stream().filter(ven -> venId.equals(ven.get("venId"))).findFirst().orElseThrow();
    }
}
