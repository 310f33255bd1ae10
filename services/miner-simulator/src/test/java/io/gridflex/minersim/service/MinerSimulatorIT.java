package io.gridflex.minersim.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged simulator: its fleets come up from configuration and their miners answer over TCP. */
@QuarkusIntegrationTest
@WithTestResource(MinerSimulatorIT.AnyFreePorts.class)
class MinerSimulatorIT {

    /** The packaged application runs with its production settings, except that miners take any free port. */
    public static class AnyFreePorts implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of("gridflex.miner-sim.fleets.\"site-a\".first-port", "0",
                    "gridflex.miner-sim.fleets.\"site-b\".first-port", "0");
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void thePackagedSimulatorServesItsFleets() throws IOException {
        given().get("/q/health/ready").then().statusCode(200);
        String endpoint = given().get("/api/fleets/site-a").then().statusCode(200)
                .body("minersTotal", equalTo(10)).extract().path("miners[0].endpoint");
        int colon = endpoint.lastIndexOf(':');

        try (Socket socket = new Socket(endpoint.substring(0, colon),
                Integer.parseInt(endpoint.substring(colon + 1)))) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("{\"command\":\"version\"}".getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) > 0) {
                answer.write(b);
            }
            assertThat(answer.toString(StandardCharsets.UTF_8)).contains("\"Type\":\"Antminer S19 XP\"")
                    .contains("\"STATUS\":\"S\"");
        }
    }
}
