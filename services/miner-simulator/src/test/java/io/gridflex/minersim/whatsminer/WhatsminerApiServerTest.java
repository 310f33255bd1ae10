package io.gridflex.minersim.whatsminer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

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
import io.gridflex.minersim.power.MutableClock;

/** The Whatsminer API v3, driven by a framing client and token computation written in the test from the spec. */
class WhatsminerApiServerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-07T12:00:00Z"));
    private SimulatedFleet fleet;
    private SimulatedMiner miner;
    private String host;
    private int port;

    @BeforeEach
    void start() {
        fleet = SimulatedFleet.builder("wm").firmware(Firmware.WHATSMINER).model(Firmware.WHATSMINER,
                MinerModel.M50S).count(1).noise(0).clock(clock).sleepRamp(Duration.ofSeconds(2))
                .warmUp(Duration.ofSeconds(6)).readTimeout(Duration.ofSeconds(5)).start();
        miner = fleet.miner(0);
        host = fleet.address(0).host();
        port = fleet.address(0).port();
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void deviceInfoIdentifiesTheFirmwareAndGivesTheSalt() throws IOException {
        try (Client client = new Client()) {
            JsonNode info = client.call("{\"cmd\":\"get.device.info\"}");
            assertThat(info.get("code").asInt()).isZero();
            assertThat(info.at("/msg/salt").asText()).hasSize(8);
            assertThat(info.at("/msg/miner/type").asText()).isEqualTo("WhatsMiner M50S");
            assertThat(info.at("/msg/system/api").asText()).startsWith("3.");
            assertThat(info.get("desc").asText()).isEqualTo("get.device.info");
        }
    }

    @Test
    void summaryReportsRealtimePowerAndHashrate() throws IOException {
        try (Client client = new Client()) {
            JsonNode status = client.call("{\"cmd\":\"get.miner.status\",\"param\":\"summary\"}");
            assertThat(status.at("/msg/summary/power-realtime").asLong()).isEqualTo(3276);
            assertThat(status.at("/msg/summary/hash-realtime").asDouble()).isEqualTo(126.0);
            assertThat(client.call("{\"cmd\":\"get.miner.status\",\"param\":\"nonsense\"}").get("code").asInt())
                    .isEqualTo(-3);
        }
    }

    @Test
    void stopShedsAndStartRestoresWithAValidToken() throws IOException {
        try (Client client = new Client()) {
            String salt = client.call("{\"cmd\":\"get.device.info\"}").at("/msg/salt").asText();
            JsonNode stop = client.call(privileged("set.miner.service", "\"stop\"", "super", salt, now()));
            assertThat(stop.get("code").asInt()).isZero();
            clock.advance(Duration.ofSeconds(2));
            assertThat(power(client)).isEqualTo(18);

            assertThat(client.call(privileged("set.miner.service", "\"start\"", "super", salt, now())).get("code")
                    .asInt()).isZero();
            clock.advance(Duration.ofSeconds(3));
            assertThat(power(client)).isEqualTo(Math.round((3276 + 18) / 2.0));
            clock.advance(Duration.ofSeconds(3));
            assertThat(power(client)).isEqualTo(3276);
        }
    }

    @Test
    void powerPercentSetsATemporaryShareOfNominal() throws IOException {
        try (Client client = new Client()) {
            String salt = client.call("{\"cmd\":\"get.device.info\"}").at("/msg/salt").asText();
            assertThat(client.call(privileged("set.miner.power_percent", "50", "super", salt, now())).get("code")
                    .asInt()).isZero();
            clock.advance(Duration.ofSeconds(2));
            JsonNode summary = client.call("{\"cmd\":\"get.miner.status\",\"param\":\"summary\"}");
            assertThat(summary.at("/msg/summary/power-realtime").asLong()).isEqualTo(1638);
            assertThat(summary.at("/msg/summary/power-percent").asInt()).isEqualTo(50);
            assertThat(client.call(privileged("set.miner.power_percent", "{\"percent\":5}", "super", salt, now()))
                    .get("code").asInt()).isEqualTo(-3);
        }
    }

    @Test
    void staleTimestampsBadTokensAndWrongAccountsAreRejectedAndChangeNothing() throws IOException {
        try (Client client = new Client()) {
            String salt = client.call("{\"cmd\":\"get.device.info\"}").at("/msg/salt").asText();
            long stale = now() - 120;
            assertThat(client.call(privileged("set.miner.service", "\"stop\"", "super", salt, stale)).get("code")
                    .asInt()).isEqualTo(-5);
            assertThat(client.call(privileged("set.miner.service", "\"stop\"", "super", "wrongsalt", now()))
                    .get("code").asInt()).isEqualTo(-4);
            assertThat(client.call(privileged("set.miner.service", "\"stop\"", "admin", salt, now())).get("code")
                    .asInt()).isEqualTo(-4);
            assertThat(client.call("{\"cmd\":\"set.miner.service\",\"param\":\"stop\"}").get("code").asInt())
                    .isEqualTo(-4);
            miner.setMisbehaviour(Misbehaviour.REFUSE_CREDENTIALS);
            assertThat(client.call(privileged("set.miner.service", "\"stop\"", "super", salt, now())).get("code")
                    .asInt()).isEqualTo(-4);
            assertThat(miner.isAwake()).isTrue();
            assertThat(miner.curtailLog()).isEmpty();
        }
    }

    @Test
    void badJsonAndUnknownCommandsAreErrorsOnALiveConnection() throws IOException {
        try (Client client = new Client()) {
            assertThat(client.call("{not json").get("code").asInt()).isEqualTo(-2);
            assertThat(client.call("{\"param\":1}").get("code").asInt()).isEqualTo(-2);
            assertThat(client.call("{\"cmd\":\"get.everything\"}").get("code").asInt()).isEqualTo(-1);
            assertThat(client.call("{\"cmd\":\"get.device.info\"}").get("code").asInt()).isZero();
        }
    }

    @Test
    void theEleventhClientIsClosedWithoutAnAnswer() throws IOException {
        List<Client> ten = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                Client client = new Client();
                assertThat(client.call("{\"cmd\":\"get.device.info\"}").get("code").asInt()).isZero();
                ten.add(client);
            }
            try (Client eleventh = new Client()) {
                assertThatThrownBy(() -> eleventh.call("{\"cmd\":\"get.device.info\"}"))
                        .isInstanceOf(IOException.class);
            }
            ten.removeFirst().close();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                try (Client again = new Client()) {
                    assertThat(again.call("{\"cmd\":\"get.device.info\"}").get("code").asInt()).isZero();
                }
            });
        } finally {
            for (Client client : ten) {
                client.close();
            }
        }
    }

    @Test
    void aMinerThatIgnoresShedsAcknowledgesStopAndKeepsDrawing() throws IOException {
        miner.setMisbehaviour(Misbehaviour.IGNORE_SHED);
        try (Client client = new Client()) {
            String salt = client.call("{\"cmd\":\"get.device.info\"}").at("/msg/salt").asText();
            assertThat(client.call(privileged("set.miner.service", "\"stop\"", "super", salt, now())).get("code")
                    .asInt()).isZero();
            clock.advance(Duration.ofSeconds(5));
            assertThat(power(client)).isEqualTo(3276);
        }
    }

    @Test
    void garbageHangAndSlowMisbehaviours() throws IOException {
        miner.setMisbehaviour(Misbehaviour.GARBAGE);
        try (Client client = new Client()) {
            assertThatThrownBy(() -> client.call("{\"cmd\":\"get.device.info\"}")).isInstanceOf(IOException.class)
                    .isNotInstanceOf(SocketTimeoutException.class);
        }
        miner.setMisbehaviour(Misbehaviour.HANG);
        try (Client client = new Client()) {
            client.socket.setSoTimeout(500);
            assertThatThrownBy(() -> client.call("{\"cmd\":\"get.device.info\"}"))
                    .isInstanceOf(SocketTimeoutException.class);
        }
        miner.setReplyDelay(Duration.ofMillis(1000));
        miner.setMisbehaviour(Misbehaviour.SLOW);
        try (Client client = new Client()) {
            client.socket.setSoTimeout(200);
            assertThatThrownBy(() -> client.call("{\"cmd\":\"get.device.info\"}"))
                    .isInstanceOf(SocketTimeoutException.class);
        }
        try (Client client = new Client()) {
            assertThat(client.call("{\"cmd\":\"get.device.info\"}").get("code").asInt()).isZero();
        }
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private long power(Client client) throws IOException {
        return client.call("{\"cmd\":\"get.miner.status\",\"param\":\"summary\"}").at("/msg/summary/power-realtime")
                .asLong();
    }

    /** A privileged request with its token: first 8 chars of base64(sha256(cmd + password + salt + ts)). */
    private static String privileged(String cmd, String paramJson, String account, String salt, long ts) {
        String token;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((cmd + "super" + salt + ts).getBytes(StandardCharsets.UTF_8));
            token = Base64.getEncoder().encodeToString(digest).substring(0, 8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return "{\"cmd\":\"" + cmd + "\",\"param\":" + paramJson + ",\"ts\":" + ts + ",\"account\":\"" + account
                + "\",\"token\":\"" + token + "\"}";
    }

    /** One persistent connection: 4-byte little-endian length, then JSON, both ways. */
    private final class Client implements AutoCloseable {

        final Socket socket = new Socket();

        Client() throws IOException {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(10_000);
        }

        JsonNode call(String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length).array());
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            DataInputStream data = new DataInputStream(in);
            byte[] header = new byte[4];
            data.readFully(header);
            int length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (length < 0 || length > 1 << 20) {
                throw new EOFException("bad frame length " + length);
            }
            byte[] reply = new byte[length];
            data.readFully(reply);
            return MAPPER.readTree(reply);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
