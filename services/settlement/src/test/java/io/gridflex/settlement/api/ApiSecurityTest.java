package io.gridflex.settlement.api;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A token whose signature was tampered with is refused everywhere; who may call what is {@link EndpointRoleMatrixTest}. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class ApiSecurityTest {

    private static final String RANGE = "?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z";

    @ParameterizedTest
    @ValueSource(strings = {"/api/events", "/api/events/vtn/e/delivery", "/api/sites/s/intervals" + RANGE,
            "/api/sites/s/schedule", "/api/statements", "/api/audit"})
    void aForgedTokenIsUnauthorized(String path) {
        String token = KeycloakTestResource.accessToken("bill", KeycloakTestResource.demoPassword());
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth().oauth2(forged).get(path).then().statusCode(401);
    }
}
