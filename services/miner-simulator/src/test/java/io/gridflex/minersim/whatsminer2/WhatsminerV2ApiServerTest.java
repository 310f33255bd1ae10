package io.gridflex.minersim.whatsminer2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

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
import io.gridflex.minersim.power.MinerModel;
import io.gridflex.minersim.power.MutableClock;

/** The Whatsminer API v2 of one simulated miner, driven over TCP by a client that follows the public protocol. */
class WhatsminerV2ApiServerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PASSWORD = "v2-admin-secret";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-07T12:00:00Z"));
    private SimulatedFleet fleet;
    private SimulatedMiner miner;

    @BeforeEach
    void start() {
        fleet = SimulatedFleet.builder("wm2").firmware(Firmware.WHATSMINER_V2).model(Firmware.WHATSMINER_V2,
                MinerModel.M50S).count(1).noise(0).clock(clock).password(Firmware.WHATSMINER_V2, PASSWORD)
                .sleepRamp(Duration.ofSeconds(2)).warmUp(Duration.ofSeconds(6)).readTimeout(Duration.ofSeconds(2))
                .start();
        miner = fleet.miner(0);
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    /** A token as a client makes it from a get_token answer: the AES key and the sign. */
    private record Token(byte[] key, String sign) {
    }

    private Token token(String password) throws IOException {
        JsonNode answer = call("{\"cmd\":\"get_token\"}");
        assertThat(answer.get("Code").asInt()).isEqualTo(134);
        JsonNode msg = answer.get("Msg");
        String hash = Md5Crypt.crypt(password, msg.get("salt").asText()).split("\\$")[3];
        String sign = Md5Crypt.crypt(hash + msg.get("time").asText(), msg.get("newsalt").asText()).split("\\$")[3];
        return new Token(WhatsminerV2Commands.keyOf(password, msg.get("salt").asText()), sign);
    }

    /** Sends a privileged command and returns the answer, decrypted when it is encrypted. */
    private JsonNode privileged(Token token, String cmd, String... params) throws IOException {
        ObjectNode inner = MAPPER.createObjectNode().put("cmd", cmd);
        for (int i = 0; i < params.length; i += 2) {
            inner.put(params[i], params[i + 1]);
        }
        inner.put("token", token.sign());
        ObjectNode outer = MAPPER.createObjectNode().put("enc", 1)
                .put("data", WhatsminerV2Commands.seal(token.key(), inner.toString()));
        JsonNode answer = call(outer.toString());
        if (answer.has("enc")) {
            return MAPPER.readTree(
                    WhatsminerV2Commands.unseal(token.key(), Base64.getDecoder().decode(answer.get("enc").asText())));
        }
        return answer;
    }

    private JsonNode call(String request) throws IOException {
        return MAPPER.readTree(raw(request, 5000));
    }

    private String raw(String request, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(fleet.address(0).host(), fleet.address(0).port()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private long power() throws IOException {
        return call("{\"cmd\":\"summary\"}").at("/SUMMARY/0/Power").asLong();
    }

    @Test
    void summaryReportsPowerAndHashrateInMegahashes() throws IOException {
        JsonNode summary = call("{\"cmd\":\"summary\"}");
        assertThat(summary.at("/STATUS/0/STATUS").asText()).isEqualTo("S");
        assertThat(summary.at("/STATUS/0/Msg").asText()).isEqualTo("Summary");
        assertThat(summary.at("/SUMMARY/0/Power").asLong()).isEqualTo(3276);
        assertThat(summary.at("/SUMMARY/0/Power_RT").asLong()).isEqualTo(3276);
        assertThat(summary.at("/SUMMARY/0/MHS 5s").asDouble()).isEqualTo(126e6);
        assertThat(summary.at("/SUMMARY/0/Power Limit").asLong()).isEqualTo(3276);
        assertThat(call("{\"command\":\"summary\"}").at("/SUMMARY/0/Power").asLong()).isEqualTo(3276);
    }

    @Test
    void getTokenGivesTheFixedSaltAFreshNewsaltAndTheTime() throws IOException {
        JsonNode first = call("{\"cmd\":\"get_token\"}");
        JsonNode second = call("{\"cmd\":\"get_token\"}");
        assertThat(first.get("STATUS").asText()).isEqualTo("S");
        assertThat(first.at("/Msg/time").asText())
                .isEqualTo("%04d".formatted(clock.instant().getEpochSecond() % 10000));
        assertThat(first.at("/Msg/salt").asText()).matches("[./0-9A-Za-z]{8}")
                .isEqualTo(second.at("/Msg/salt").asText());
        assertThat(first.at("/Msg/newsalt").asText()).matches("[./0-9A-Za-z]{8}")
                .isNotEqualTo(second.at("/Msg/newsalt").asText());
    }

    @Test
    void powerOffShedsPowerOnRestoresAndPowerPercentHoldsAShare() throws IOException {
        Token token = token(PASSWORD);
        JsonNode off = privileged(token, "power_off", "respbefore", "true");
        assertThat(off.get("STATUS").asText()).isEqualTo("S");
        assertThat(off.get("Code").asInt()).isEqualTo(131);
        assertThat(off.get("Msg").asText()).isEqualTo("API command OK");
        clock.advance(Duration.ofSeconds(2));
        assertThat(power()).isEqualTo(18);
        assertThat(call("{\"cmd\":\"summary\"}").at("/SUMMARY/0/MHS 5s").asDouble()).isZero();

        assertThat(privileged(token, "power_on").get("Code").asInt()).isEqualTo(131);
        clock.advance(Duration.ofSeconds(3));
        assertThat(power()).isEqualTo(Math.round((3276 + 18) / 2.0));
        clock.advance(Duration.ofSeconds(3));
        assertThat(power()).isEqualTo(3276);

        assertThat(privileged(token, "set_power_pct", "percent", "50").get("Code").asInt()).isEqualTo(131);
        clock.advance(Duration.ofSeconds(2));
        assertThat(power()).isEqualTo(1638);
        assertThat(privileged(token, "set_power_pct", "percent", "5").get("Code").asInt()).isEqualTo(132);
        assertThat(privileged(token, "set_power_pct", "percent", "lots").get("Code").asInt()).isEqualTo(132);
        assertThat(privileged(token, "self_destruct").get("Code").asInt()).isEqualTo(14);
    }

    @Test
    void aTokenExpiresAfterThirtyMinutesAndTheMinerKeepsAtMost32() throws IOException {
        Token token = token(PASSWORD);
        clock.advance(Duration.ofMinutes(29));
        assertThat(privileged(token, "power_on").get("Code").asInt()).isEqualTo(131);
        clock.advance(Duration.ofMinutes(1));
        JsonNode expired = privileged(token, "power_off", "respbefore", "true");
        assertThat(expired.get("STATUS").asText()).isEqualTo("E");
        assertThat(expired.get("Code").asInt()).isEqualTo(135);
        assertThat(miner.isAwake()).isTrue();

        for (int i = 0; i < WhatsminerV2Commands.MAX_TOKENS; i++) {
            token(PASSWORD);
        }
        assertThat(call("{\"cmd\":\"get_token\"}").get("Code").asInt()).isEqualTo(136);
        clock.advance(WhatsminerV2Commands.TOKEN_LIFETIME);
        assertThat(privileged(token(PASSWORD), "power_on").get("Code").asInt()).isEqualTo(131);
    }

    @Test
    void aWrongPasswordAForgedTokenAndRefusedCredentialsAre135AndChangeNothing() throws IOException {
        JsonNode wrong = privileged(token("admin"), "power_off", "respbefore", "true");
        assertThat(wrong.get("Code").asInt()).isEqualTo(135);
        assertThat(wrong.get("Msg").asText()).isEqualTo("check token err");
        Token right = token(PASSWORD);
        assertThat(privileged(new Token(right.key(), "forged00000000000000000"), "power_off").get("Code").asInt())
                .isEqualTo(135);
        miner.setMisbehaviour(Misbehaviour.REFUSE_CREDENTIALS);
        assertThat(privileged(right, "power_off").get("Code").asInt()).isEqualTo(135);
        assertThat(miner.isAwake()).isTrue();
        assertThat(miner.curtailLog()).isEmpty();
    }

    @Test
    void withWriteAccessDisabledEveryWriteIs45() throws IOException {
        Token token = token(PASSWORD);
        miner.setWriteAccess(false);
        JsonNode refused = privileged(token, "power_off", "respbefore", "true");
        assertThat(refused.get("STATUS").asText()).isEqualTo("E");
        assertThat(refused.get("Code").asInt()).isEqualTo(45);
        assertThat(miner.isAwake()).isTrue();
        miner.setWriteAccess(true);
        assertThat(privileged(token, "power_off").get("Code").asInt()).isEqualTo(131);
        // Never in plain.
        assertThat(call("{\"cmd\":\"power_on\"}").get("Code").asInt()).isEqualTo(45);
    }

    @Test
    void garbageRequestsAndUnknownCommandsAreErrors() throws IOException {
        assertThat(call("{not json}").get("Code").asInt()).isEqualTo(23);
        assertThat(call("{\"enc\":1,\"data\":\"%%%\"}").get("Code").asInt()).isEqualTo(23);
        assertThat(call("{\"enc\":1,\"data\":\"AAAA\"}").get("Code").asInt()).isEqualTo(23);
        assertThat(call("{\"cmd\":\"get.device.info\"}").get("Code").asInt()).isEqualTo(14);
        assertThat(call("{\"cmd\":\"get_token\"}").get("Code").asInt()).isEqualTo(134);
    }

    @Test
    void theMisbehavioursOfEveryFirmware() throws IOException {
        Token token = token(PASSWORD);
        miner.setMisbehaviour(Misbehaviour.IGNORE_SHED);
        assertThat(privileged(token, "power_off", "respbefore", "true").get("Code").asInt()).isEqualTo(131);
        assertThat(miner.isAwake()).isTrue();
        assertThat(miner.curtailLog()).singleElement()
                .satisfies(e -> assertThat(e.action()).isEqualTo("sleep-ignored"));
        miner.setMisbehaviour(Misbehaviour.GARBAGE);
        assertThatThrownBy(() -> call("{\"cmd\":\"summary\"}")).isInstanceOf(IOException.class);
        miner.setMisbehaviour(Misbehaviour.HANG);
        assertThatThrownBy(() -> raw("{\"cmd\":\"summary\"}", 300)).isInstanceOf(SocketTimeoutException.class);
        miner.setMisbehaviour(Misbehaviour.NONE);
        miner.setQuirky(true);
        assertThat(raw("{\"cmd\":\"summary\"}", 5000)).endsWith(",}");
        miner.setApiOffline(true);
        assertThat(raw("{\"cmd\":\"summary\"}", 5000)).isEmpty();
    }
}
