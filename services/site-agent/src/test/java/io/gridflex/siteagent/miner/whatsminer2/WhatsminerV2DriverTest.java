package io.gridflex.siteagent.miner.whatsminer2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.siteagent.ShiftableClock;
import io.gridflex.siteagent.miner.DriverSettings;
import io.gridflex.siteagent.miner.MinerCredentials;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerException;
import io.gridflex.siteagent.miner.MinerReading;
import io.gridflex.siteagent.miner.cgminerapi.CannedCgminerServer;

/**
 * The Whatsminer API v2 driver against a canned miner that holds the protocol's example token (password
 * {@code admin}; its AES key and sign computed with OpenSSL, see {@link WhatsminerV2CryptoTest}), and against the
 * simulator for a token the miner forgot.
 */
class WhatsminerV2DriverTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] KEY = HexFormat.of()
            .parseHex("199e0a202039bb7b558db7a54697dca29cb278055b7e659a127fb844d5a2fbf6");
    private static final String SIGN = "yGmHt.kpfYqx06zRXFgye0";
    private static final String TOKEN = "{\"STATUS\":\"S\",\"When\":1594179340,\"Code\":134,\"Msg\":{\"time\":\"9340\","
            + "\"salt\":\"BQ5hoXV9\",\"newsalt\":\"ZnvQbWV7\"},\"Description\":\"\"}";
    /** With the quirks of the cgminer family: a comma before a closing brace, a trailing NUL. */
    private static final String SUMMARY = "{\"STATUS\":[{\"STATUS\":\"S\",\"When\":1594179340,\"Code\":11,\"Msg\":"
            + "\"Summary\",\"Description\":\"btminer\"}],\"SUMMARY\":[{\"Elapsed\":3600,\"MHS av\":84012345.67,"
            + "\"MHS 5s\":84500000.00,\"Power\":3250,\"Power_RT\":3248,\"Power Limit\":3600,}]}\0";
    private static final String OK = "{\"STATUS\":\"S\",\"When\":1594179344,\"Code\":131,\"Msg\":\"API command OK\","
            + "\"Description\":\"\"}";

    private final ShiftableClock clock = new ShiftableClock();
    private final Instant start = Instant.now();
    /** The decrypted privileged requests, in order. */
    private final List<JsonNode> commands = new CopyOnWriteArrayList<>();
    /** What the miner answers a privileged command whose token it accepts. */
    private volatile Function<JsonNode, String> privileged = inner -> sealed(KEY, OK);
    private volatile String tokenReply = TOKEN;
    private CannedCgminerServer server;
    private MinerEndpoint miner;
    private WhatsminerV2Driver driver;

    @BeforeEach
    void start() throws IOException {
        server = CannedCgminerServer.start(this::answer);
        miner = server.endpoint();
        driver = driver("admin");
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private WhatsminerV2Driver driver(String password) {
        Properties credentials = new Properties();
        if (password != null) {
            credentials.setProperty("whatsminer-v2.password", password);
        }
        return new WhatsminerV2Driver(new DriverSettings(Duration.ofSeconds(2), clock,
                MinerCredentials.of(credentials)));
    }

    /** A miner holding the example token: it decrypts each privileged request and checks its sign. */
    private String answer(JsonNode request) {
        if (request.has("enc")) {
            JsonNode inner;
            try {
                inner = MAPPER.readTree(WhatsminerV2Crypto.decrypt(KEY, request.path("data").asText()));
            } catch (IOException | IllegalArgumentException e) {
                return status("E", 135, "check token err");
            }
            commands.add(inner);
            return SIGN.equals(inner.path("token").asText())
                    ? privileged.apply(inner)
                    : status("E", 135, "check token err");
        }
        return switch (request.path("cmd").asText()) {
            case "get_token" -> tokenReply;
            case "summary" -> SUMMARY;
            default -> status("E", 14, "invalid cmd");
        };
    }

    private static String status(String severity, int code, String message) {
        return "{\"STATUS\":\"" + severity + "\",\"When\":1594179344,\"Code\":" + code + ",\"Msg\":\"" + message
                + "\",\"Description\":\"\"}";
    }

    private static String sealed(byte[] key, String json) {
        return "{\"enc\":\"" + WhatsminerV2Crypto.encrypt(key, json) + "\"}";
    }

    /** What each connection asked: the plain {@code cmd}, or {@code enc} for a privileged request. */
    private List<String> asked() {
        return server.requests().stream().map(r -> r.has("enc") ? "enc" : r.path("cmd").asText()).toList();
    }

    @Test
    void readsPowerAndHashrateFromThePlainSummary() throws MinerException {
        MinerReading reading = driver.read(miner);

        assertThat(server.requests().getFirst().toString()).isEqualTo("{\"cmd\":\"summary\"}");
        assertThat(reading.powerW()).isEqualTo(3250);
        assertThat(reading.powerReported()).isTrue();
        assertThat(reading.hashrateGhs()).isEqualTo(84_500.0);
        assertThat(driver.capabilities(miner).powerPercent()).isTrue();
        assertThat(driver.capabilities(miner).sleep()).isTrue();
    }

    @Test
    void sleepIsPowerOffBeforeTheReplyAndWakeIsPowerOnBothWithOneToken() throws MinerException {
        driver.sleep(miner);
        driver.wake(miner);

        assertThat(asked()).containsExactly("get_token", "enc", "enc");
        assertThat(server.requests().get(1).path("enc").asInt()).isEqualTo(1);
        assertThat(commands).extracting(JsonNode::toString).containsExactly(
                "{\"cmd\":\"power_off\",\"respbefore\":\"true\",\"token\":\"" + SIGN + "\"}",
                "{\"cmd\":\"power_on\",\"token\":\"" + SIGN + "\"}");
    }

    @Test
    void aPowerTargetIsSentAsAShareOfThePowerLimitRoundedUp() throws MinerException {
        assertThatThrownBy(() -> driver.powerTarget(miner, 1800)).isInstanceOf(MinerException.class)
                .hasMessageContaining("not known");
        driver.read(miner);

        driver.powerTarget(miner, 1801);

        assertThat(commands.getLast().path("cmd").asText()).isEqualTo("set_power_pct");
        assertThat(commands.getLast().path("percent").isTextual()).isTrue();
        assertThat(commands.getLast().path("percent").asText()).isEqualTo("51");
        assertThatThrownBy(() -> driver.powerPercent(miner, 101)).isInstanceOf(MinerException.class)
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(MinerException.UNSUPPORTED));
    }

    @Test
    void theTokenIsKeptAndFetchedAgainBeforeTheMinerForgetsIt() throws MinerException {
        driver.sleep(miner);
        clock.jumpTo(start.plus(Duration.ofMinutes(24)));
        driver.wake(miner);
        assertThat(asked()).containsExactly("get_token", "enc", "enc");

        clock.jumpTo(start.plus(Duration.ofMinutes(26)));
        driver.sleep(miner);
        assertThat(asked()).containsExactly("get_token", "enc", "enc", "get_token", "enc");

        // Ahead of a shed: a token 10 minutes old is left alone, one 16 minutes old is renewed.
        clock.jumpTo(start.plus(Duration.ofMinutes(36)));
        driver.prepare(miner);
        assertThat(asked()).hasSize(5);
        clock.jumpTo(start.plus(Duration.ofMinutes(42)));
        driver.prepare(miner);
        driver.wake(miner);
        assertThat(asked()).containsExactly("get_token", "enc", "enc", "get_token", "enc", "get_token", "enc");
    }

    @Test
    void aRefusedTokenIsFetchedAgainOnceWithoutFailingTheCommand() throws MinerException {
        driver.prepare(miner);
        privileged = inner -> {
            privileged = i -> sealed(KEY, OK);
            return status("E", 136, "token over max times");
        };

        driver.sleep(miner);

        assertThat(asked()).containsExactly("get_token", "enc", "get_token", "enc");
    }

    @Test
    void aPasswordTheMinerRefusesIsUnauthorizedAfterOneMoreTokenAndNeverQuoted() {
        WhatsminerV2Driver wrong = driver("wrong-pass");

        assertThatThrownBy(() -> wrong.sleep(miner)).isInstanceOf(MinerException.class)
                .hasMessageContaining("check token err").hasMessageNotContaining("wrong-pass")
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(MinerException.UNAUTHORIZED));
        assertThat(asked()).containsExactly("get_token", "enc", "get_token", "enc");

        // A miner that answers in a key the password does not make.
        privileged = inner -> sealed(new byte[32], OK);
        assertThatThrownBy(() -> driver.wake(miner)).isInstanceOf(MinerException.class)
                .hasMessageContaining("does not decrypt")
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(MinerException.UNAUTHORIZED));

        assertThatThrownBy(() -> driver(null).sleep(miner)).isInstanceOf(MinerException.class)
                .hasMessageContaining("no whatsminer-v2 password")
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(MinerException.UNAUTHORIZED));
    }

    @Test
    void writeAccessDisabledIsSaidPlainlyAndNotRetried() {
        privileged = inner -> status("E", 45, "Permission denied");

        assertThatThrownBy(() -> driver.sleep(miner)).isInstanceOf(MinerException.class)
                .hasMessageContaining("API write access is disabled on this miner")
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(45));
        assertThat(asked()).containsExactly("get_token", "enc");

        privileged = inner -> sealed(KEY, status("E", 132, "command error"));
        assertThatThrownBy(() -> driver.powerPercent(miner, 5)).isInstanceOf(MinerException.class)
                .hasMessageContaining("command error")
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(132));
    }

    @Test
    void aMinerOutOfTokensIsAnErrorWithItsCode() {
        tokenReply = status("E", 136, "over max connect");

        assertThatThrownBy(() -> driver.sleep(miner)).isInstanceOf(MinerException.class)
                .hasMessageContaining("as many tokens")
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(136));
    }

    @Test
    void identifiesAMinerThatHandsOutATokenAndNothingElse() {
        assertThat(driver.identifies(miner)).isTrue();
        // LuxOS, bosminer and bmminer refuse a request without "command".
        tokenReply = "{\"STATUS\":[{\"STATUS\":\"E\",\"When\":1,\"Code\":23,\"Msg\":\"Invalid JSON\","
                + "\"Description\":\"LUXminer 2024.1\"}],\"id\":1}\0";
        assertThat(driver.identifies(miner)).isFalse();
        tokenReply = "{\"STATUS\":\"S\",\"Code\":134,\"Msg\":{\"time\":\"1\",\"salt\":\"$$$\",\"newsalt\":\"x\"}}";
        assertThat(driver.identifies(miner)).isFalse();
        tokenReply = "garbage";
        assertThat(driver.identifies(miner)).isFalse();
    }

    @Test
    void aTokenTheSimulatedMinerHasForgottenIsReplacedWithoutFailingTheCommand() throws MinerException {
        ShiftableClock minerClock = new ShiftableClock();
        try (SimulatedFleet fleet = SimulatedFleet.builder("wm2").firmware(
                io.gridflex.minersim.fleet.Firmware.WHATSMINER_V2).count(1).noise(0).clock(minerClock)
                .password(io.gridflex.minersim.fleet.Firmware.WHATSMINER_V2, "v2-secret")
                .sleepRamp(Duration.ofMillis(100)).warmUp(Duration.ofMillis(100)).start()) {
            MinerEndpoint simulated = MinerEndpoint.parse(fleet.endpoint(0));
            SimulatedMiner m = fleet.miner(0);
            WhatsminerV2Driver v2 = driver("v2-secret");
            v2.sleep(simulated);
            assertThat(m.isAwake()).isFalse();

            // The miner's clock runs 31 minutes ahead of the agent's: it has dropped the token the driver holds.
            minerClock.jumpTo(Instant.now().plus(Duration.ofMinutes(31)));
            v2.wake(simulated);

            assertThat(m.isAwake()).isTrue();
        }
    }
}
