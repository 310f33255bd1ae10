package io.gridflex.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.gridflex.gateway.support.Api;
import io.gridflex.gateway.support.VtnSimulatorTestResource;
import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.OpenApiOperations;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Every operation of the gateway's API answers only a valid token of the realm with the operator or auditor role:
 * without a token, with a malformed one, with one signed by another key, as a service account or as a billing user
 * it is refused; health, metrics and the OpenAPI document stay open for probes. A new operation not listed here fails
 * {@link #everyDocumentedOperationIsWalked()}.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(VtnSimulatorTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "ven-gateway"))
class ApiSecurityTest {

    static Stream<String> operations() {
        return Stream.of("/api/programs", "/api/programs/default", "/api/programs/default/opts",
                "/api/programs/default/opts/schedules", "/api/programs/default/vtn-reports",
                "/api/programs/default/vtn-reports/requests/no-such-request/readings", "/api/events",
                "/api/events/vtn/no-such-event");
    }

    @ParameterizedTest
    @MethodSource("operations")
    void onlyOperatorsAndAuditorsAreAnswered(String path) {
        assertThat(given().get(path).statusCode()).as("no token").isEqualTo(401);
        assertThat(given().auth().oauth2("not-a-token").get(path).statusCode()).as("malformed").isEqualTo(401);
        assertThat(given().auth().oauth2(KeycloakTestResource.forgedToken("olivia", "operator")).get(path)
                .statusCode()).as("signed by another key").isEqualTo(401);
        assertThat(given().auth().oauth2(KeycloakTestResource.expiredToken("olivia")).get(path).statusCode())
                .as("expired").isEqualTo(401);
        assertThat(given().auth().oauth2(KeycloakTestResource.clientToken("site-agent")).get(path).statusCode())
                .as("a service account without a role").isEqualTo(403);
        assertThat(Api.as("bill").get(path).statusCode()).as("billing-viewer").isEqualTo(403);
        int answered = path.contains("no-such-") ? 404 : 200;
        assertThat(Api.as("olivia").get(path).statusCode()).as("operator").isEqualTo(answered);
        assertThat(Api.as("audrey").get(path).statusCode()).as("auditor").isEqualTo(answered);
    }

    /** Operations that change a program's registration: operators only; walked on a program that is not served. */
    static Stream<String> changes() {
        return Stream.of("/api/programs/no-such-program/registration",
                "/api/programs/no-such-program/registration/cancel",
                "/api/programs/no-such-program/registration/query");
    }

    @ParameterizedTest
    @MethodSource("changes")
    void onlyOperatorsChangeARegistration(String path) {
        assertThat(given().post(path).statusCode()).as("no token").isEqualTo(401);
        assertThat(given().auth().oauth2(KeycloakTestResource.forgedToken("olivia", "operator")).post(path)
                .statusCode()).as("signed by another key").isEqualTo(401);
        assertThat(given().auth().oauth2(KeycloakTestResource.clientToken("site-agent")).post(path).statusCode())
                .as("a service account without a role").isEqualTo(403);
        assertThat(Api.as("bill").post(path).statusCode()).as("billing-viewer").isEqualTo(403);
        assertThat(Api.as("audrey").post(path).statusCode()).as("auditor").isEqualTo(403);
        assertThat(Api.as("olivia").post(path).statusCode()).as("operator").isEqualTo(404);
    }

    /** Asking the VTN for its reports, and cancelling: operators only; walked on a program that is not served. */
    @Test
    void onlyOperatorsAskTheVtnForReportsOrCancelThem() {
        String path = "/api/programs/no-such-program/vtn-reports/requests";
        Map<String, Object> body = Map.of("reports", List.of(Map.of("report", "TELEMETRY_USAGE")));
        java.util.function.Function<RequestSpecification, Integer> post = r -> r.contentType(ContentType.JSON)
                .body(body).post(path).statusCode();
        java.util.function.Function<RequestSpecification, Integer> delete = r -> r.delete(path + "/rq-1")
                .statusCode();
        for (var call : List.of(post, delete)) {
            assertThat(call.apply(given())).as("no token").isEqualTo(401);
            assertThat(call.apply(given().auth().oauth2(KeycloakTestResource.forgedToken("olivia", "operator"))))
                    .as("signed by another key").isEqualTo(401);
            assertThat(call.apply(given().auth().oauth2(KeycloakTestResource.clientToken("site-agent"))))
                    .as("a service account without a role").isEqualTo(403);
            assertThat(call.apply(Api.as("bill"))).as("billing-viewer").isEqualTo(403);
            assertThat(call.apply(Api.as("audrey"))).as("auditor").isEqualTo(403);
            assertThat(call.apply(Api.as("olivia"))).as("operator").isEqualTo(404);
        }
    }

    @Test
    void probesStayOpen() {
        for (String path : List.of("/q/health/live", "/q/metrics", "/q/openapi")) {
            assertThat(given().get(path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void everyDocumentedOperationIsWalked() {
        assertThat(OpenApiOperations.documented()).containsExactlyInAnyOrder("GET /api/programs",
                "GET /api/programs/{program}", "GET /api/programs/{program}/opts",
                "GET /api/programs/{program}/opts/schedules", "GET /api/events", "GET /api/events/{eventId}",
                "POST /api/programs/{program}/registration", "POST /api/programs/{program}/registration/cancel",
                "POST /api/programs/{program}/registration/query", "GET /api/programs/{program}/vtn-reports",
                "GET /api/programs/{program}/vtn-reports/requests/{reportRequestId}/readings",
                "POST /api/programs/{program}/vtn-reports/requests",
                "DELETE /api/programs/{program}/vtn-reports/requests/{reportRequestId}");
    }
}
