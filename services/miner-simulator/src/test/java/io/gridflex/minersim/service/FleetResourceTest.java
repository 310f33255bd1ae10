package io.gridflex.minersim.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FleetResourceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void listsEverySiteWithItsMinerEndpoints() {
        given().when().get("/api/fleets").then()
                .statusCode(200)
                .body("siteId", equalTo(List.of("site-a", "site-b", "site-m")))
                .body("[0].miners", hasSize(10))
                .body("[1].miners", hasSize(6))
                .body("[0].miners[0].id", equalTo("site-a-m01"))
                .body("[0].miners[0].endpoint", containsString("127.0.0.1:"))
                .body("[0].miners[0].firmware", equalTo("LUXOS"))
                .body("[2].miners.firmware", equalTo(List.of("BRAIINS", "BRAIINS", "BOSMINER", "WHATSMINER",
                        "WHATSMINER", "ANTMINER", "CGMINER")));
    }

    @Test
    void aMixedSiteShowsEachMinersFirmwareAddressAndItsMeter() {
        var site = given().get("/api/fleets/site-m").then().statusCode(200).extract().jsonPath();
        assertThat(site.getInt("minersTotal")).isEqualTo(7);
        assertThat(site.getString("miners[0].host")).isEqualTo("127.0.0.1");
        assertThat(site.getInt("miners[0].port")).isPositive();
        assertThat(site.getString("miners[0].misbehaviour")).isEqualTo("NONE");
        assertThat(site.getString("meter.registers.wordOrder")).isEqualTo("SWAPPED");
        assertThat(site.getDouble("meter.reading.dataCentreKw")).isBetween(500.0, 1500.0);

        var meter = given().get("/api/fleets/site-m/meter").then().statusCode(200).extract().jsonPath();
        assertThat(meter.getInt("port")).isPositive();
        assertThat(meter.getDouble("reading.miningKw")).isCloseTo(7 * 3.010, within(1e-6));
        given().get("/api/fleets/site-a/meter").then().statusCode(404).body("error", equalTo("no-meter"));
    }

    @Test
    void aMinersMisbehaviourIsSetOverRestAndShown() {
        given().contentType("application/json").body("{\"misbehaviour\":\"slow\",\"replyDelayMs\":1500}")
                .put("/api/fleets/site-m/miners/site-m-m07/misbehaviour").then().statusCode(200)
                .body("misbehaviour", equalTo("SLOW")).body("replyDelayMs", is(1500)).body("firmware",
                        equalTo("CGMINER"));
        given().get("/api/fleets/site-m").then().body("miners[6].misbehaviour", equalTo("SLOW"));
        given().contentType("application/json").body("{\"misbehaviour\":\"NONE\"}")
                .put("/api/fleets/site-m/miners/site-m-m07/misbehaviour").then().statusCode(200)
                .body("misbehaviour", equalTo("NONE"));
        given().contentType("application/json").body("{\"writeAccess\":false}")
                .put("/api/fleets/site-m/miners/site-m-m07/misbehaviour").then().statusCode(200)
                .body("writeAccess", is(false)).body("misbehaviour", equalTo("NONE"));
        given().get("/api/fleets/site-m").then().body("miners[6].writeAccess", is(false))
                .body("miners[0].writeAccess", is(true));
        given().contentType("application/json").body("{\"writeAccess\":true}")
                .put("/api/fleets/site-m/miners/site-m-m07/misbehaviour").then().statusCode(200)
                .body("writeAccess", is(true));
        given().contentType("application/json").body("{\"misbehaviour\":\"explode\"}")
                .put("/api/fleets/site-m/miners/site-m-m07/misbehaviour").then().statusCode(400)
                .body("error", equalTo("invalid-misbehaviour"));
        given().contentType("application/json").body("{\"quirky\":true}")
                .put("/api/fleets/site-m/miners/site-m-m99/misbehaviour").then().statusCode(404)
                .body("error", equalTo("unknown-miner"));
    }

    @Test
    void showsOneSitesMinersAndTotals() {
        given().when().get("/api/fleets/site-a").then()
                .statusCode(200)
                .body("siteId", equalTo("site-a"))
                .body("minersTotal", is(10))
                .body("miners", hasSize(10))
                .body("miners[0].model", equalTo("S19XP"))
                .body("energyKwh", is(greaterThan(0f)));
    }

    @Test
    void aMinerCurtailedOverItsApiShowsUpAsSleepingWithLessDraw() throws IOException {
        String endpoint = given().when().get("/api/fleets/site-a").then().statusCode(200)
                .extract().path("miners[9].endpoint");
        double siteKwBefore = ((Number) given().get("/api/fleets/site-a").then().extract().path("powerKw"))
                .doubleValue();

        String session = call(endpoint, "{\"command\":\"logon\"}").at("/SESSION/0/SessionID").asText();
        call(endpoint, "{\"command\":\"curtail\",\"parameter\":\"" + session + ",sleep\"}");
        call(endpoint, "{\"command\":\"logoff\",\"parameter\":\"" + session + "\"}");

        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                var miner = given().get("/api/fleets/site-a").then().extract().jsonPath();
                assertThat(miner.getString("miners[9].state")).isEqualTo("SLEEPING");
                assertThat(miner.getDouble("miners[9].powerW")).isCloseTo(18.0, within(1e-3));
            });
            double siteKwAfter = ((Number) given().get("/api/fleets/site-a").then().extract().path("powerKw"))
                    .doubleValue();
            assertThat(siteKwBefore - siteKwAfter).isCloseTo(3.010 - 0.018,
                    within(1e-6));
        } finally {
            String again = call(endpoint, "{\"command\":\"logon\"}").at("/SESSION/0/SessionID").asText();
            call(endpoint, "{\"command\":\"curtail\",\"parameter\":\"" + again + ",wakeup\"}");
            call(endpoint, "{\"command\":\"logoff\",\"parameter\":\"" + again + "\"}");
        }
    }

    @Test
    void unknownSiteIsA404WithAnErrorBody() {
        given().when().get("/api/fleets/site-zz").then()
                .statusCode(404)
                .body("error", equalTo("unknown-site"))
                .body("detail", containsString("site-zz"));
    }

    @Test
    void malformedSiteIdIsA400WithAnErrorBody() {
        given().when().get("/api/fleets/" + "x".repeat(65)).then()
                .statusCode(400)
                .body("error", equalTo("invalid-site-id"));
    }

    @Test
    void readinessCoversTheFleetsAndMetricsCarrySitePower() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'miner fleets' }.status", equalTo("UP"));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("gridflex_minersim_site_power").contains("site=\"site-a\"")
                .contains("gridflex_minersim_site_energy");
    }

    @Test
    void openApiDescribesTheFleetsApi() {
        given().when().get("/q/openapi?format=json").then()
                .statusCode(200)
                .body("paths.'/api/fleets/{siteId}'.get.responses.'404'.description",
                        equalTo("No fleet for that site"));
    }

    private static JsonNode call(String endpoint, String request) throws IOException {
        int colon = endpoint.lastIndexOf(':');
        try (Socket socket = new Socket(endpoint.substring(0, colon),
                Integer.parseInt(endpoint.substring(colon + 1)))) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) > 0) {
                out.write(b);
            }
            return MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        }
    }
}
