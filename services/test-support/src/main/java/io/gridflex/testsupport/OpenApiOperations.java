package io.gridflex.testsupport;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The operations the service under test documents in its OpenAPI document, as {@code "GET /api/things/{id}"}: what an
 * endpoint-by-role test must walk, so that an operation added without a rule fails the build.
 */
public final class OpenApiOperations {

    private OpenApiOperations() {
    }

    public static List<String> documented() {
        Map<String, Object> paths = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        TreeSet<String> operations = new TreeSet<>();
        paths.forEach((path, methods) -> ((Map<?, ?>) methods).keySet()
                .forEach(method -> operations.add(method.toString().toUpperCase(java.util.Locale.ROOT) + " " + path)));
        return List.copyOf(operations);
    }
}
