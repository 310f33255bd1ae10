package io.gridflex.vtnsim;

import static io.gridflex.vtnsim.VtnTestClient.poll;
import static io.gridflex.vtnsim.VtnTestClient.register;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ObservabilityTest {

    @Test
    void healthIsUp() {
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theOpenApiDocumentDescribesBothApis() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/admin/events/{eventId}/cancel"))
                .body(containsString("/admin/vens"))
                .body(containsString("/OpenADR2/Simple/2.0b/OadrPoll"));
    }

    @Test
    void openAdrTrafficIsCounted() {
        poll(register("site-metrics").venId());
        given().contentType("text/plain").body("not xml").post("/OpenADR2/Simple/2.0b/OadrPoll");

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("gridflex_vtn_openadr_messages_total{message=\"oadrPoll\",service=\"OadrPoll\"}"))
                .body(containsString("gridflex_vtn_openadr_refused_total{reason=\"not-xml\",service=\"OadrPoll\"}"));
    }
}
