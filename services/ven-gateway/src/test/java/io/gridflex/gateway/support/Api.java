package io.gridflex.gateway.support;

import static io.restassured.RestAssured.given;

import io.gridflex.testsupport.KeycloakTestResource;
import io.restassured.specification.RequestSpecification;

/** Requests to the gateway's API with a real token of the realm: the API answers nobody else. */
public final class Api {

    private Api() {
    }

    /** As {@code olivia}, an operator. */
    public static RequestSpecification asOperator() {
        return as("olivia");
    }

    public static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakTestResource.accessToken(user, KeycloakTestResource.demoPassword()));
    }
}
