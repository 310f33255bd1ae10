package io.gridflex.siteagent.miner.whatsminer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.siteagent.miner.DriverSettings;
import io.gridflex.siteagent.miner.MinerCredentials;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerException;
import io.gridflex.siteagent.miner.MinerReading;
import io.gridflex.siteagent.miner.PowerShares;

/** Whatsminer API v3: token computation, framing, and the driver against a loopback server of canned frames. */
class WhatsminerDriverTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long TS = 1_717_000_000L;
    private static final String SALT = "BQ5hoXV9";

    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC);
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, String> replies;
    private volatile boolean framed = true;
    private ServerSocket server;
    private MinerEndpoint miner;
    private WhatsminerDriver driver;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        miner = new MinerEndpoint("127.0.0.1", server.getLocalPort());
        Thread.ofVirtual().start(this::serve);
        Properties credentials = new Properties();
        credentials.setProperty("whatsminer.password", "super");
        driver = new WhatsminerDriver(new DriverSettings(Duration.ofSeconds(2), clock,
                MinerCredentials.of(credentials)));
        replies = this::answerAsSpecified;
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                byte[] header = in.readNBytes(4);
                int length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
                JsonNode request = MAPPER.readTree(in.readNBytes(length));
                requests.add(request);
                byte[] body = replies.apply(request).getBytes(StandardCharsets.UTF_8);
                if (framed) {
                    socket.getOutputStream().write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                            .putInt(body.length).array());
                }
                socket.getOutputStream().write(body);
            } catch (IOException e) {
                // closed
            }
        }
    }

    /** A miner with password "super" and salt {@link #SALT}, which checks every privileged request's token. */
    private String answerAsSpecified(JsonNode request) {
        String cmd = request.path("cmd").asText();
        return switch (cmd) {
            case "get.device.info" -> "{\"code\":0,\"when\":" + TS + ",\"msg\":{\"salt\":\"" + SALT
                    + "\"},\"desc\":\"get.device.info\"}";
            case "get.miner.status" -> "{\"code\":0,\"when\":" + TS + ",\"msg\":{\"summary\":{\"elapsed\":3600,"
                    + "\"hash-realtime\":198.25,\"hash-average\":190.0,\"power-limit\":3600,"
                    + "\"power-realtime\":3421}},\"desc\":\"get.miner.status\"}";
            default -> {
                String expected = WhatsminerToken.of(cmd, "super", SALT, request.path("ts").asLong());
                yield request.path("account").asText().equals("super") && request.path("token").asText()
                        .equals(expected)
                                ? "{\"code\":0,\"when\":" + TS + ",\"msg\":\"ok\",\"desc\":\"" + cmd + "\"}"
                                : "{\"code\":-4,\"when\":" + TS + ",\"msg\":\"invalid token\",\"desc\":\"" + cmd
                                        + "\"}";
            }
        };
    }

    private List<String> commands() {
        return requests.stream().map(r -> r.path("cmd").asText()).toList();
    }

    @Test
    void theTokenIsTheFirstEightCharactersOfTheBase64Sha256() {
        // values computed independently (Python hashlib/base64) from the formula in MINER-APIS.md
        assertThat(WhatsminerToken.of("set.miner.service", "super", "BQ5hoXV9", 1717000000L)).isEqualTo("861HVm/h");
        assertThat(WhatsminerToken.of("set.miner.power_percent", "p@ss word", "abcdef12", 1700000123L))
                .isEqualTo("zMSp0mXB");
    }

    @Test
    void framesAreALittleEndianLengthAndTheJson() throws Exception {
        assertThat(WhatsminerTransport.frame("{\"a\":\"é\"}")).containsExactly(10, 0, 0, 0, '{', '"', 'a', '"', ':',
                '"', 0xC3 - 256, 0xA9 - 256, '"', '}');
        byte[] answer = WhatsminerTransport.readFrame(miner, new ByteArrayInputStream(new byte[]{2, 0, 0, 0, '{',
                '}', 'x'}));
        assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThatThrownBy(() -> WhatsminerTransport.readFrame(miner, new ByteArrayInputStream(new byte[]{0, 0, 0,
                127}))).isInstanceOf(MinerException.class).hasMessageContaining("announces");
    }

    @Test
    void sleepsAndWakesWithTheServiceCommandAndAFreshTokenEachTime() throws Exception {
        driver.sleep(miner);
        driver.wake(miner);

        assertThat(commands()).containsExactly("get.device.info", "set.miner.service", "set.miner.service");
        assertThat(requests.get(0).toString()).isEqualTo("{\"cmd\":\"get.device.info\",\"param\":\"salt\"}");
        assertThat(requests.get(1).toString()).isEqualTo("{\"cmd\":\"set.miner.service\",\"param\":\"stop\",\"ts\":"
                + TS + ",\"account\":\"super\",\"token\":\"861HVm/h\"}");
        assertThat(requests.get(2).path("param").asText()).isEqualTo("start");
    }

    @Test
    void fetchesTheSaltAgainAfterAnAuthFailureWithoutFailingTheCommand() throws Exception {
        driver.sleep(miner);
        replies = request -> request.path("cmd").asText().equals("get.device.info")
                ? "{\"code\":0,\"msg\":{\"salt\":\"NewSalt1\"}}"
                : request.path("token").asText().equals(WhatsminerToken.of("set.miner.service", "super", "NewSalt1",
                        TS)) ? "{\"code\":0,\"msg\":\"ok\"}" : "{\"code\":-4,\"msg\":\"invalid token\"}";

        driver.wake(miner);

        assertThat(commands()).containsExactly("get.device.info", "set.miner.service", "set.miner.service",
                "get.device.info", "set.miner.service");
    }

    @Test
    void aPasswordTheMinerRefusesIsUnauthorizedAndNeverQuoted() {
        Properties credentials = new Properties();
        credentials.setProperty("whatsminer.password", "wrong-pass");
        WhatsminerDriver wrong = new WhatsminerDriver(new DriverSettings(Duration.ofSeconds(2), clock,
                MinerCredentials.of(credentials)));

        assertThatThrownBy(() -> wrong.sleep(miner)).isInstanceOf(MinerException.class)
                .hasMessageNotContaining("wrong-pass")
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(MinerException.UNAUTHORIZED));
        assertThat(commands()).containsExactly("get.device.info", "set.miner.service", "get.device.info",
                "set.miner.service");
    }

    @Test
    void readsRealtimePowerAndHashrate() throws Exception {
        MinerReading reading = driver.read(miner);

        assertThat(requests.getFirst().toString()).isEqualTo("{\"cmd\":\"get.miner.status\",\"param\":\"summary\"}");
        assertThat(reading.powerW()).isEqualTo(3421.0);
        assertThat(reading.hashrateGhs()).isEqualTo(198_250.0);
        assertThat(reading.at()).isEqualTo(Instant.ofEpochSecond(TS));
    }

    @Test
    void aPowerTargetIsSentAsAShareOfThePowerLimitRoundedUp() throws Exception {
        assertThatThrownBy(() -> driver.powerTarget(miner, 1800)).isInstanceOf(MinerException.class)
                .hasMessageContaining("not known");
        driver.read(miner);

        driver.powerTarget(miner, 1801);

        assertThat(requests.getLast().path("cmd").asText()).isEqualTo("set.miner.power_percent");
        assertThat(requests.getLast().path("param").isInt()).isTrue();
        assertThat(requests.getLast().path("param").asInt()).isEqualTo(51);
        assertThat(PowerShares.percentOf(5000, 3600)).isEqualTo(100);
        assertThat(PowerShares.percentOf(0, 3600)).isZero();
    }

    @Test
    void anErrorCodeIsAnExceptionWithTheMinersCodeAndMessage() {
        replies = request -> "{\"code\":-2,\"when\":1,\"msg\":\"invalid command\",\"desc\":\"get.miner.status\"}";

        assertThatThrownBy(() -> driver.read(miner)).isInstanceOf(MinerException.class)
                .hasMessageContaining("invalid command")
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(-2));
        replies = request -> "{\"when\":1,\"msg\":{}}";
        assertThatThrownBy(() -> driver.read(miner)).isInstanceOf(MinerException.class)
                .hasMessageContaining("code missing");
    }

    @Test
    void acceptsAnUnframedAnswer() throws Exception {
        framed = false;

        assertThat(driver.read(miner).powerW()).isEqualTo(3421.0);
    }

    @Test
    void identifiesAMinerThatGivesItsSalt() throws IOException {
        assertThat(driver.identifies(miner)).isTrue();
        replies = request -> "garbage";
        assertThat(driver.identifies(miner)).isFalse();
    }
}
