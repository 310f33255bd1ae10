package io.gridflex.gateway.registration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridflex.gateway.support.Api;
import io.gridflex.gateway.support.VtnSimulatorTestResource;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A VTN that is not the one we were told to trust is never registered with, and the gateway is not ready. */
@QuarkusTest
@TestProfile(UnexpectedVtnTest.ExpectsAnotherVtn.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(VtnSimulatorTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "ven-gateway"))
class UnexpectedVtnTest {

    @Test
    void aVtnWithAnotherIdIsRefusedAndReadinessStaysDown() {
        await("registration refused").atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.asOperator()
                .get("/api/programs/default").then().statusCode(200)
                .body("problem", containsString("trusted-utility-vtn")));

        Api.asOperator().get("/api/programs/default").then()
                .body("registered", equalTo(false))
                .body("venId", nullValue());
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'vtn-registration' }.status", equalTo("DOWN"))
                .body("checks.name", hasItem("vtn-registration"));
    }

    public static class ExpectsAnotherVtn implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridflex.gateway.programs.default.vtn.expected-id", "trusted-utility-vtn");
        }
    }
}
