package io.gridflex.minersim.braiins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.minersim.fleet.Firmware;
import io.gridflex.minersim.fleet.Misbehaviour;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.power.MinerModel;
import io.gridflex.minersim.power.MinerState;
import io.gridflex.minersim.power.MutableClock;

/** The Braiins OS REST API, driven by a plain HTTP client written from the spec. */
class BraiinsRestServerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-07T12:00:00Z"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private SimulatedFleet fleet;
    private SimulatedMiner miner;
    private String base;

    @BeforeEach
    void start() {
        fleet = SimulatedFleet.builder("braiins").firmware(Firmware.BRAIINS).model(MinerModel.S19XP).count(1)
                .noise(0).clock(clock).sleepRamp(Duration.ofSeconds(4)).warmUp(Duration.ofSeconds(10))
                .password(Firmware.BRAIINS, "secret").start();
        miner = fleet.miner(0);
        base = "http://" + fleet.endpoint(0) + "/api/v1";
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void loginGivesATokenThatAuthorisesReads() throws Exception {
        HttpResponse<String> login = send("POST", "/auth/login", null,
                "{\"username\":\"root\",\"password\":\"secret\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        JsonNode body = MAPPER.readTree(login.body());
        assertThat(body.get("token").asText()).hasSize(16);
        assertThat(body.get("timeout_s").asLong()).isEqualTo(3600);

        HttpResponse<String> stats = send("GET", "/miner/stats", body.get("token").asText(), null);
        assertThat(stats.statusCode()).isEqualTo(200);
        JsonNode s = MAPPER.readTree(stats.body());
        assertThat(s.at("/power_stats/approximated_consumption/watt").asLong()).isEqualTo(3010);
        assertThat(s.at("/miner_stats/real_hashrate/last_5s/gigahash_per_second").asDouble()).isEqualTo(140_000.0);
    }

    @Test
    void detailsIdentifyBraiinsOs() throws Exception {
        JsonNode details = MAPPER.readTree(send("GET", "/miner/details", login(), null).body());
        assertThat(details.at("/bos_version/current").asText()).isEqualTo(BraiinsRestServer.BOS_VERSION);
        assertThat(details.at("/miner_identity/model").asText()).isEqualTo("Antminer S19 XP");
        assertThat(details.get("status").asText()).isEqualTo("MINER_STATUS_NORMAL");
    }

    @Test
    void wrongCredentialsMissingAndUnknownTokensAre401() throws Exception {
        assertThat(send("POST", "/auth/login", null, "{\"username\":\"root\",\"password\":\"root\"}").statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/auth/login", null, "not json").statusCode()).isEqualTo(400);
        assertThat(send("GET", "/miner/stats", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/miner/stats", "notatoken", null).statusCode()).isEqualTo(401);
        assertThat(send("PUT", "/actions/pause", "Bearer " + login(), null).statusCode())
                .as("the token is the raw header, not a bearer token").isEqualTo(401);
        assertThat(miner.isAwake()).isTrue();
    }

    @Test
    void anExpiredTokenIs401AndALoginAgainWorks() throws Exception {
        String token = login();
        clock.advance(Duration.ofSeconds(3600));
        assertThat(send("PUT", "/actions/pause", token, null).statusCode()).isEqualTo(401);
        assertThat(miner.isAwake()).isTrue();
        assertThat(send("PUT", "/actions/pause", login(), null).statusCode()).isEqualTo(200);
        assertThat(miner.isAwake()).isFalse();
    }

    @Test
    void pauseShedsAndResumeRestoresOverTheRamps() throws Exception {
        String token = login();
        HttpResponse<String> pause = send("PUT", "/actions/pause", token, null);
        assertThat(pause.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(pause.body()).get("already_paused").asBoolean()).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(watts(token)).isEqualTo(Math.round((3010 + 18) / 2.0));
        clock.advance(Duration.ofSeconds(2));
        assertThat(watts(token)).isEqualTo(18);
        assertThat(MAPPER.readTree(send("GET", "/miner/details", token, null).body()).get("status").asText())
                .isEqualTo("MINER_STATUS_PAUSED");
        assertThat(MAPPER.readTree(send("PUT", "/actions/pause", token, null).body()).get("already_paused")
                .asBoolean()).isTrue();

        assertThat(send("PUT", "/actions/resume", token, null).statusCode()).isEqualTo(200);
        assertThat(miner.state()).isEqualTo(MinerState.WAKING);
        clock.advance(Duration.ofSeconds(10));
        assertThat(watts(token)).isEqualTo(3010);
    }

    @Test
    void powerTargetRampsToTheExactWattsWithinTheModelsRange() throws Exception {
        String token = login();
        HttpResponse<String> set = send("PUT", "/performance/power-target", token, "{\"watt\":2010}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(set.body()).get("watt").asLong()).isEqualTo(2010);
        // Down by 1000 W of a 2992 W swing at the sleep-ramp rate: a third of 4 s.
        clock.advance(Duration.ofMillis(500));
        assertThat(watts(token)).isBetween(2011L, 3009L);
        clock.advance(Duration.ofSeconds(1));
        assertThat(watts(token)).isEqualTo(2010);
        assertThat(miner.hashrateThs()).isCloseTo(140.0 * (2010 - 18) / (3010 - 18), within(1e-9));
        assertThat(MAPPER.readTree(send("GET", "/performance/power-target", token, null).body()).get("watt")
                .asLong()).isEqualTo(2010);

        send("PUT", "/actions/pause", token, null);
        clock.advance(Duration.ofSeconds(4));
        send("PUT", "/actions/resume", token, null);
        clock.advance(Duration.ofSeconds(10));
        assertThat(watts(token)).as("resume returns to the target, not to nominal").isEqualTo(2010);
    }

    @Test
    void anOutOfRangeOrMalformedPowerTargetIs400WithAReasonAndChangesNothing() throws Exception {
        String token = login();
        JsonNode constraints = MAPPER.readTree(send("GET", "/configuration/constraints", token, null).body());
        int min = constraints.at("/tuner_constraints/power_target/min/watt").asInt();
        int max = constraints.at("/tuner_constraints/power_target/max/watt").asInt();
        assertThat(min).isEqualTo(MinerModel.S19XP.minPowerTargetW());

        HttpResponse<String> low = send("PUT", "/performance/power-target", token, "{\"watt\":" + (min - 1) + "}");
        assertThat(low.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(low.body()).get("message").asText()).contains("out of range").contains("" + min);
        assertThat(send("PUT", "/performance/power-target", token, "{\"watt\":" + (max + 1) + "}").statusCode())
                .isEqualTo(400);
        assertThat(send("PUT", "/performance/power-target", token, "{\"watt\":\"lots\"}").statusCode())
                .isEqualTo(400);
        assertThat(send("PUT", "/performance/power-target", token, "{watt").statusCode()).isEqualTo(400);
        clock.advance(Duration.ofSeconds(5));
        assertThat(watts(token)).isEqualTo(3010);
    }

    @Test
    void refusedCredentialsRejectLoginsAndTokensAlreadyIssued() throws Exception {
        String token = login();
        miner.setMisbehaviour(Misbehaviour.REFUSE_CREDENTIALS);
        assertThat(send("POST", "/auth/login", null, "{\"username\":\"root\",\"password\":\"secret\"}").statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/miner/stats", token, null).statusCode()).isEqualTo(401);
        miner.setMisbehaviour(Misbehaviour.NONE);
        assertThat(send("GET", "/miner/stats", token, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aMinerThatIgnoresShedsAcknowledgesPauseAndKeepsDrawing() throws Exception {
        String token = login();
        miner.setMisbehaviour(Misbehaviour.IGNORE_SHED);
        assertThat(send("PUT", "/actions/pause", token, null).statusCode()).isEqualTo(200);
        assertThat(send("PUT", "/performance/power-target", token, "{\"watt\":1500}").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(10));
        assertThat(watts(token)).isEqualTo(3010);
        assertThat(miner.curtailLog()).extracting(e -> e.action())
                .containsExactly("sleep-ignored", "power-target-ignored");
    }

    @Test
    void garbageHangAndOfflineMinersDoNotAnswerWithJson() throws Exception {
        String token = login();
        miner.setMisbehaviour(Misbehaviour.GARBAGE);
        HttpResponse<String> garbage = send("GET", "/miner/stats", token, null);
        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> MAPPER.readTree(garbage.body())).isInstanceOf(IOException.class);

        miner.setMisbehaviour(Misbehaviour.HANG);
        HttpRequest hung = HttpRequest.newBuilder(URI.create(base + "/miner/stats")).header("Authorization", token)
                .timeout(Duration.ofMillis(500)).GET().build();
        assertThatThrownBy(() -> http.send(hung, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        miner.setMisbehaviour(Misbehaviour.NONE);
        miner.setApiOffline(true);
        HttpRequest offline = HttpRequest.newBuilder(URI.create(base + "/miner/stats")).header("Authorization", token)
                .timeout(Duration.ofSeconds(5)).GET().build();
        assertThatThrownBy(() -> http.send(offline, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aSlowMinerAnswersAfterItsDelay() throws Exception {
        String token = login();
        miner.setReplyDelay(Duration.ofMillis(1500));
        miner.setMisbehaviour(Misbehaviour.SLOW);
        HttpRequest impatient = HttpRequest.newBuilder(URI.create(base + "/miner/stats"))
                .header("Authorization", token).timeout(Duration.ofMillis(300)).GET().build();
        assertThatThrownBy(() -> http.send(impatient, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        HttpRequest patient = HttpRequest.newBuilder(URI.create(base + "/miner/stats"))
                .header("Authorization", token).timeout(Duration.ofSeconds(10)).GET().build();
        assertThat(http.send(patient, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownResourcesAndMethodsAreRefused() throws Exception {
        String token = login();
        assertThat(send("GET", "/nothing/here", token, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/actions/pause", token, null).statusCode()).isEqualTo(405);
    }

    private String login() throws Exception {
        HttpResponse<String> login = send("POST", "/auth/login", null,
                "{\"username\":\"root\",\"password\":\"secret\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        return MAPPER.readTree(login.body()).get("token").asText();
    }

    private long watts(String token) throws Exception {
        return MAPPER.readTree(send("GET", "/miner/stats", token, null).body())
                .at("/power_stats/approximated_consumption/watt").asLong();
    }

    private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
