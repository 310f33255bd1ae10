package io.gridflex.dispatch.it;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.gridflex.testsupport.KeycloakTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The operator API as the demo operator (role operator) uses it, with a real Keycloak token. */
public final class Operator {

    private static String token;
    private static String auditorToken;

    private Operator() {
    }

    public static RequestSpecification operator() {
        if (token == null) {
            token = KeycloakTestResource.accessToken("olivia", KeycloakTestResource.demoPassword());
        }
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static RequestSpecification auditor() {
        if (auditorToken == null) {
            auditorToken = KeycloakTestResource.accessToken("audrey", KeycloakTestResource.demoPassword());
        }
        return given().auth().oauth2(auditorToken).contentType(ContentType.JSON);
    }

    /** Registers a program with full capacity at level 3 and no over-delivery margin. */
    public static void program(String programId) {
        operator().body(Map.of("programId", programId, "name", "Program " + programId, "levelShares",
                List.of(0.25, 0.5, 1), "overDeliveryMargin", 0, "currency", "USD", "timeZone", "America/Chicago"))
                .post("/api/programs").then().statusCode(201);
    }

    /** Registers an active site enrolled in the program with {@code enrolledKw}. */
    public static void site(String siteId, String programId, double enrolledKw, double maxShedKw, int priority) {
        operator().body(siteBody(siteId, programId, enrolledKw, maxShedKw, priority)).post("/api/sites").then()
                .statusCode(201);
    }

    public static Map<String, Object> siteBody(String siteId, String programId, double enrolledKw, double maxShedKw,
            int priority) {
        return Map.ofEntries(Map.entry("siteId", siteId), Map.entry("name", "Site " + siteId),
                Map.entry("timeZone", "America/Chicago"), Map.entry("maxShedKw", maxShedKw),
                Map.entry("minMiningKw", 0), Map.entry("priority", priority), Map.entry("revenueShare", 0.7),
                Map.entry("owner", Map.of("name", "Owner of " + siteId, "email", "owner@example.com")),
                Map.entry("importLimitKw", 5000), Map.entry("datacentreCommittedKw", 0),
                Map.entry("enrollments", List.of(Map.of("programId", programId, "enrolledKw", enrolledKw))));
    }
}
