package io.gridflex.dispatch.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.gridflex.testsupport.KafkaTestResource;
import io.gridflex.testsupport.KeycloakTestResource;
import io.gridflex.testsupport.OpenApiOperations;
import io.gridflex.testsupport.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Every operation of dispatch's API × every kind of caller. Without a token, with a malformed one or one signed by a
 * key the realm never had: 401. A service account, a billing user: 403. An auditor: 403 on every change, and on a
 * read the same answer as an operator. An operator reaches every operation; what it then answers (404 for the
 * unknown ids used here, 400 for a body with a field no operation knows) shows the call got past security and
 * changed nothing. A new operation without a row fails {@link #everyDocumentedOperationHasARow()}.
 */
@QuarkusTest
@TestProfile(NoClosedLoop.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = KeycloakTestResource.class, initArgs = @ResourceArg(name = "client-id", value = "dispatch"))
class EndpointRoleMatrixTest {

    /** A body every operation that takes one refuses (no operation knows the field), so nothing is changed. */
    private static final String REFUSED_BODY = "{\"no-such-field\": 1}";

    static Stream<Arguments> operations() {
        return Stream.of(
                read("/api/sites", 200),
                read("/api/sites/no-such-site", 404),
                write("POST", "/api/sites", 400),
                write("PUT", "/api/sites/no-such-site", 400),
                write("DELETE", "/api/sites/no-such-site", 404),
                write("POST", "/api/sites/no-such-site/overrides", 400),
                write("POST", "/api/sites/no-such-site/kafka-credentials", 404),
                read("/api/sites/no-such-site/kafka-objects", 404),
                read("/api/programs", 200),
                read("/api/programs/no-such-program", 404),
                write("POST", "/api/programs", 400),
                write("PUT", "/api/programs/no-such-program", 400),
                write("DELETE", "/api/programs/no-such-program", 404),
                read("/api/programs/no-such-program/targets", 404),
                write("PUT", "/api/programs/no-such-program/targets/resource/r1", 400),
                write("DELETE", "/api/programs/no-such-program/targets/resource/r1", 404),
                read("/api/events", 200),
                read("/api/events/vtn/no-such-event", 404),
                read("/api/events/vtn/no-such-event/timeline", 404),
                write("POST", "/api/manual-events", 400),
                write("POST", "/api/manual-events/manual/no-such-event/cancel", 400),
                read("/api/overrides", 200),
                write("DELETE", "/api/overrides/999999999", 404),
                write("POST", "/api/fleet/shed-all", 400),
                write("POST", "/api/fleet/restore-all", 400),
                read("/api/audit", 200));
    }

    private static Arguments read(String path, int answer) {
        return Arguments.of("GET", path, answer, true);
    }

    private static Arguments write(String method, String path, int answer) {
        return Arguments.of(method, path, answer, false);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("operations")
    void everyCallerGetsTheDocumentedAnswer(String method, String path, int operatorAnswer, boolean read) {
        assertThat(call(given(), method, path)).as("no token").isEqualTo(401);
        assertThat(call(given().auth().oauth2("not-a-token"), method, path)).as("malformed token").isEqualTo(401);
        assertThat(call(given().auth().oauth2(KeycloakTestResource.forgedToken("olivia", "operator")), method,
                path)).as("a token signed by another key").isEqualTo(401);
        assertThat(call(given().auth().oauth2(KeycloakTestResource.expiredToken("olivia")), method, path))
                .as("an expired token of the realm").isEqualTo(401);
        assertThat(call(given().auth().oauth2(KeycloakTestResource.clientToken("site-agent")), method, path))
                .as("a service account without a role").isEqualTo(403);
        assertThat(call(as("bill"), method, path)).as("billing-viewer").isEqualTo(403);
        assertThat(call(as("olivia"), method, path)).as("operator").isEqualTo(operatorAnswer);
        assertThat(call(as("audrey"), method, path)).as("auditor").isEqualTo(read ? operatorAnswer : 403);
    }

    @Test
    void everyDocumentedOperationHasARow() {
        List<String> documented = OpenApiOperations.documented().stream().map(EndpointRoleMatrixTest::shape).distinct()
                .toList();
        List<String> covered = operations().map(arguments -> shape(arguments.get()[0] + " " + arguments.get()[1]))
                .distinct().toList();
        assertThat(covered).containsExactlyInAnyOrderElementsOf(documented);
    }

    /** A path with its parameters and ids blanked out, so documented templates and concrete calls compare. */
    private static String shape(String path) {
        return path.replaceAll("\\{[^}]+}", "*").replaceAll("no-such-[a-z]+|vtn/no-such-event|manual/no-such-event",
                "*").replaceAll("/[0-9]+$", "/*").replace("resource/r1", "*/*");
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakTestResource.accessToken(user, KeycloakTestResource.demoPassword()));
    }

    private static int call(RequestSpecification request, String method, String path) {
        RequestSpecification call = "GET".equals(method) || "DELETE".equals(method)
                ? request
                : request.contentType(ContentType.JSON).body(REFUSED_BODY);
        return call.request(method, path).statusCode();
    }
}
