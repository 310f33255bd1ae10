package io.gridflex.minersim.antminer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gridflex.minersim.fleet.Firmware;
import io.gridflex.minersim.fleet.Misbehaviour;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.power.MutableClock;

/** The stock Antminer CGI, with an HTTP digest client written in the test from RFC 7616. */
class AntminerCgiServerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"?([^\",]*)\"?");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-07T12:00:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();
    private SimulatedFleet fleet;
    private SimulatedMiner miner;
    private String base;

    @BeforeEach
    void start() {
        fleet = SimulatedFleet.builder("ant").firmware(Firmware.ANTMINER).count(1).noise(0).clock(clock)
                .sleepRamp(Duration.ofSeconds(2)).warmUp(Duration.ofSeconds(10)).start();
        miner = fleet.miner(0);
        base = "http://" + fleet.endpoint(0);
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void systemInfoIdentifiesAStockAntminer() throws Exception {
        JsonNode info = MAPPER.readTree(digest("GET", "/cgi-bin/get_system_info.cgi", null, "root").body());
        assertThat(info.get("minertype").asText()).isEqualTo("Antminer S19 XP");
        assertThat(info.get("firmware_type").asText()).isEqualTo("Release");
        assertThat(info.get("firmware_version").asText()).isNotBlank();
    }

    @Test
    void withoutOrWithWrongCredentialsEveryPageIs401WithADigestChallenge() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base
                + "/cgi-bin/summary.cgi")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Digest ")
                .contains("realm=\"antMiner Configuration\"");
        assertThat(digest("GET", "/cgi-bin/summary.cgi", null, "wrong").statusCode()).isEqualTo(401);
        miner.setMisbehaviour(Misbehaviour.REFUSE_CREDENTIALS);
        assertThat(digest("GET", "/cgi-bin/summary.cgi", null, "root").statusCode()).isEqualTo(401);
    }

    @Test
    void statsAndSummaryReportHashrateButNoPower() throws Exception {
        String summary = digest("GET", "/cgi-bin/summary.cgi", null, "root").body();
        String stats = digest("GET", "/cgi-bin/stats.cgi", null, "root").body();
        assertThat(MAPPER.readTree(summary).at("/SUMMARY/0/rate_5s").asDouble()).isEqualTo(140_000.0);
        assertThat(MAPPER.readTree(stats).at("/STATS/0/rate_5s").asDouble()).isEqualTo(140_000.0);
        assertThat(summary + stats).doesNotContainIgnoringCase("power").doesNotContainIgnoringCase("watt");
    }

    @Test
    void sleepModeShedsLowPowerModeThrottlesAndNormalRestores() throws Exception {
        assertThat(setMode(1)).isEqualTo(200);
        assertThat(config().get("miner-mode").asInt()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(miner.powerW()).isEqualTo(18.0);

        assertThat(setMode(3)).isEqualTo(200);
        clock.advance(Duration.ofSeconds(10));
        assertThat(miner.powerW()).isEqualTo(3010.0 * AntminerCgiServer.LOW_POWER_SHARE);

        assertThat(setMode(0)).isEqualTo(200);
        clock.advance(Duration.ofSeconds(10));
        assertThat(miner.powerW()).isEqualTo(3010.0);
    }

    @Test
    void aPartialConfigOrUnknownModeIsRefusedAndChangesNothing() throws Exception {
        HttpResponse<String> partial = digest("POST", "/cgi-bin/set_miner_conf.cgi", "{\"miner-mode\":1}", "root");
        assertThat(partial.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(partial.body()).get("stats").asText()).isEqualTo("error");
        assertThat(setMode(7)).isEqualTo(400);
        assertThat(digest("POST", "/cgi-bin/set_miner_conf.cgi", "{oops", "root").statusCode()).isEqualTo(400);
        assertThat(miner.isAwake()).isTrue();
    }

    @Test
    void aMinerThatIgnoresShedsAcknowledgesSleepAndKeepsDrawing() throws Exception {
        miner.setMisbehaviour(Misbehaviour.IGNORE_SHED);
        assertThat(setMode(1)).isEqualTo(200);
        clock.advance(Duration.ofSeconds(5));
        assertThat(miner.powerW()).isEqualTo(3010.0);
    }

    private JsonNode config() throws Exception {
        return MAPPER.readTree(digest("GET", "/cgi-bin/get_miner_conf.cgi", null, "root").body());
    }

    private int setMode(int mode) throws Exception {
        ObjectNode conf = (ObjectNode) config();
        conf.put("miner-mode", mode);
        return digest("POST", "/cgi-bin/set_miner_conf.cgi", MAPPER.writeValueAsString(conf), "root").statusCode();
    }

    /** Gets a challenge, then answers it: response = MD5(HA1:nonce:nc:cnonce:qop:HA2). */
    private HttpResponse<String> digest(String method, String uri, String body, String password)
            throws IOException, InterruptedException {
        HttpResponse<String> challenge = http.send(HttpRequest.newBuilder(URI.create(base + uri)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(challenge.statusCode()).isEqualTo(401);
        Map<String, String> params = new HashMap<>();
        Matcher m = PARAM.matcher(challenge.headers().firstValue("WWW-Authenticate").orElseThrow());
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        String realm = params.get("realm");
        String nonce = params.get("nonce");
        String cnonce = "0a4f113b";
        String nc = "00000001";
        String ha1 = md5("root:" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String response = md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        String header = "Digest username=\"root\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\", response=\"" + response + "\"";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + uri)).header("Authorization", header)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
