package io.gridflex.settlement.api;

import static io.gridflex.settlement.SettlementFixtures.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.OpenApiOperations;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Every endpoint of settlement, called by every kind of caller: no token (401), a service account without a GridFlex
 * role (403), and each realm role, which gets either 403 or the answer the endpoint documents for an unknown id or an
 * empty body (so the call reached the endpoint and was checked there). One row per endpoint; a new endpoint without a
 * row here fails {@link #everyDocumentedOperationHasARow()}, which reads the operations from the OpenAPI document.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class EndpointRoleMatrixTest {

    private static final String S = "/api/statements/" + UUID.randomUUID();
    private static final String RANGE = "?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z";
    /** Users by role: operator, billing-viewer, billing-admin, auditor. */
    private static final List<String> USERS = List.of("olivia", "bill", "ada", "audrey");

    static Stream<Arguments> endpoints() {
        return Stream.of(
                row("GET", "/api/events", 200, 200, 200, 200),
                row("GET", "/api/events/vtn/e/delivery", 404, 404, 404, 404),
                row("GET", "/api/sites/s/intervals" + RANGE, 404, 404, 404, 404),
                row("GET", "/api/sites/s/quality" + RANGE, 404, 404, 404, 404),
                row("GET", "/api/sites?limit=1", 200, 200, 200, 200),
                row("GET", "/api/sites/s/schedule", 404, 404, 404, 404),
                row("GET", "/api/statements", 403, 200, 200, 200),
                row("GET", S, 403, 404, 404, 404),
                row("GET", S + "/lines.csv", 403, 404, 404, 404),
                row("GET", S + "/statement.pdf", 403, 404, 404, 404),
                row("GET", S + "/detail?event=v/e&site=s", 403, 404, 404, 404),
                row("GET", S + "/verification", 403, 404, 404, 404),
                row("GET", "/api/programs/none/terms", 403, 404, 404, 404),
                row("GET", "/api/audit", 403, 403, 200, 200),
                row("POST", "/api/statements", 403, 403, 400, 403),
                row("POST", S + "/review", 403, 403, 404, 403),
                row("POST", S + "/approve", 403, 403, 404, 403),
                row("POST", S + "/reject", 403, 403, 400, 403),
                row("POST", "/api/programs/p/terms", 403, 403, 400, 403),
                row("POST", "/api/sites/s/contract", 403, 403, 400, 403),
                row("POST", S + "/reconciliations", 403, 403, 400, 403),
                row("GET", S + "/reconciliations", 403, 404, 404, 404),
                row("GET", S + "/reconciliations/" + UUID.randomUUID(), 403, 404, 404, 404),
                row("POST", "/api/sites/s/meter-readings", 403, 403, 400, 403),
                row("GET", "/api/sites/s/meter-readings/imports", 403, 200, 200, 200));
    }

    private static Arguments row(String method, String path, int operator, int viewer, int admin, int auditor) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("olivia", operator);
        expected.put("bill", viewer);
        expected.put("ada", admin);
        expected.put("audrey", auditor);
        return Arguments.of(method, path, expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void everyCallerGetsTheDocumentedAnswer(String method, String path, Map<String, Integer> expected) {
        assertThat(call(given(), method, path)).as("no token").isEqualTo(401);
        assertThat(call(given().auth().oauth2(KeycloakTestResource.forgedToken("ada", "billing-admin", "auditor")),
                method, path)).as("a token signed by a key the realm never had").isEqualTo(401);
        assertThat(call(given().auth().oauth2(KeycloakTestResource.expiredToken("ada")), method, path))
                .as("an expired token of the realm").isEqualTo(401);
        assertThat(call(given().auth().oauth2(KeycloakTestResource.clientToken("site-agent")), method, path))
                .as("a service account without a role").isEqualTo(403);
        for (String user : USERS) {
            assertThat(call(as(user), method, path)).as(user).isEqualTo(expected.get(user));
        }
    }

    @Test
    void everyDocumentedOperationHasARow() {
        List<String> documented = OpenApiOperations.documented();
        List<String> covered = endpoints().map(arguments -> {
            Object[] values = arguments.get();
            String path = ((String) values[1]).replaceAll("\\?.*", "")
                    .replaceAll("/reconciliations/[0-9a-f-]{36}", "/reconciliations/{reconciliationId}")
                    .replace(S, "/api/statements/{id}")
                    .replace("/api/events/vtn/e/", "/api/events/{eventId}/")
                    .replace("/api/sites/s/", "/api/sites/{siteId}/")
                    .replace("/api/programs/none/", "/api/programs/{program}/")
                    .replace("/api/programs/p/", "/api/programs/{program}/");
            return values[0] + " " + path;
        }).toList();
        assertThat(documented).hasSizeGreaterThanOrEqualTo(21);
        assertThat(covered).containsAll(documented);
    }

    private static int call(RequestSpecification request, String method, String path) {
        return "GET".equals(method)
                ? request.get(path).statusCode()
                : path.endsWith("/reconciliations") || path.endsWith("/meter-readings")
                        ? request.contentType("text/csv").body("").post(path).statusCode()
                        : request.contentType(ContentType.JSON).body("{}").post(path).statusCode();
    }
}
