package io.gridflex.settlement.api;

import static io.gridflex.settlement.SettlementFixtures.as;
import static io.restassured.RestAssured.given;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Tokens from the real GridFlex realm: who may read settlement and who may not. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class ApiSecurityTest {

    private static final String RANGE = "?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z";

    @ParameterizedTest
    @ValueSource(strings = {"/api/events", "/api/events/vtn/e/delivery", "/api/sites/s/intervals" + RANGE,
            "/api/sites/s/schedule"})
    void noTokenIsUnauthorized(String path) {
        given().get(path).then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/events", "/api/events/vtn/e/delivery", "/api/sites/s/intervals" + RANGE,
            "/api/sites/s/schedule"})
    void aForgedTokenIsUnauthorized(String path) {
        String token = KeycloakTestResource.accessToken("bill", KeycloakTestResource.DEMO_PASSWORD);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth().oauth2(forged).get(path).then().statusCode(401);
    }

    /** The site-agent service account holds no GridFlex role: authenticated, but not allowed. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/events", "/api/events/vtn/e/delivery", "/api/sites/s/intervals" + RANGE,
            "/api/sites/s/schedule"})
    void aTokenWithoutAReadingRoleIsForbidden(String path) {
        given().auth().oauth2(KeycloakTestResource.clientToken("site-agent")).get(path).then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"olivia", "bill", "ada", "audrey"})
    void everyReadingRoleMayListEvents(String user) {
        as(user).get("/api/events").then().statusCode(200);
    }
}
