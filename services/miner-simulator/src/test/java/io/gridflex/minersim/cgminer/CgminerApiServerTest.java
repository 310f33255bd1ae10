package io.gridflex.minersim.cgminer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.minersim.fleet.Firmware;
import io.gridflex.minersim.fleet.Misbehaviour;
import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.power.MutableClock;

/** Stock bmminer and legacy bosminer over raw TCP, one request per connection, as nc would speak to them. */
class CgminerApiServerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-07T12:00:00Z"));

    @Test
    void stockMinerAnswersReadsWithoutWattsAndRefusesWrites() throws IOException {
        try (SimulatedFleet fleet = fleet(Firmware.CGMINER)) {
            String endpoint = fleet.endpoint(0);
            JsonNode version = call(endpoint, "{\"command\":\"version\"}");
            assertThat(version.at("/STATUS/0/STATUS").asText()).isEqualTo("S");
            assertThat(version.at("/VERSION/0/BMMiner").asText()).isEqualTo(CgminerCommands.BMMINER_VERSION);
            assertThat(version.at("/VERSION/0/Type").asText()).isEqualTo("Antminer S19 XP");

            String summary = raw(endpoint, "{\"command\":\"summary\"}");
            assertThat(MAPPER.readTree(summary).at("/SUMMARY/0/GHS 5s").asDouble()).isEqualTo(140_000.0);
            String stats = raw(endpoint, "{\"command\":\"stats\"}");
            assertThat(MAPPER.readTree(stats).at("/STATS/1/GHS 5s").asDouble()).isEqualTo(140_000.0);
            assertThat(summary + stats).doesNotContainIgnoringCase("power").doesNotContainIgnoringCase("watt");

            for (String write : new String[]{"pause", "curtail", "restart", "power_off"}) {
                JsonNode refused = call(endpoint, "{\"command\":\"" + write + "\",\"parameter\":\"sleep\"}");
                assertThat(refused.at("/STATUS/0/STATUS").asText()).isEqualTo("E");
                assertThat(refused.at("/STATUS/0/Code").asInt()).isEqualTo(45);
            }
            assertThat(call(endpoint, "{\"command\":\"tunerstatus\"}").at("/STATUS/0/Code").asInt()).isEqualTo(14);
            assertThat(call(endpoint, "{\"command\": }").at("/STATUS/0/Code").asInt()).isEqualTo(23);
            assertThat(fleet.miner(0).isAwake()).isTrue();
        }
    }

    @Test
    void joinedReadsAnswerEachUnderItsName() throws IOException {
        try (SimulatedFleet fleet = fleet(Firmware.CGMINER)) {
            JsonNode joined = call(fleet.endpoint(0), "{\"command\":\"summary+stats\"}");
            assertThat(joined.at("/summary/0/SUMMARY/0/GHS 5s").asDouble()).isEqualTo(140_000.0);
            assertThat(joined.at("/stats/0/STATS/1/ID").asText()).isEqualTo("BC50");
        }
    }

    @Test
    void aQuirkyMinerWritesCommalessObjectsAndATrailingCommaBeforeTheNul() throws IOException {
        try (SimulatedFleet fleet = fleet(Firmware.CGMINER)) {
            SimulatedMiner miner = fleet.miner(0);
            miner.setQuirky(true);
            String joined = raw(fleet.endpoint(0), "{\"command\":\"summary+stats\"}");
            assertThat(joined).contains("}{").endsWith(",}");
            assertThatThrownBy(() -> MAPPER.readTree(joined)).isInstanceOf(IOException.class);
            String repaired = joined.replace("}{", "},{").replace(",}", "}");
            assertThat(MAPPER.readTree(repaired).at("/stats/0/STATS/1/GHS 5s").asDouble()).isEqualTo(140_000.0);
            miner.setQuirky(false);
            assertThat(MAPPER.readTree(raw(fleet.endpoint(0), "{\"command\":\"summary+stats\"}"))).isNotNull();
        }
    }

    @Test
    void bosminerPausesResumesAndReportsTunerPower() throws IOException {
        try (SimulatedFleet fleet = fleet(Firmware.BOSMINER)) {
            String endpoint = fleet.endpoint(0);
            JsonNode version = call(endpoint, "{\"command\":\"version\"}");
            assertThat(version.at("/VERSION/0/BOSminer").asText()).contains("bosminer");
            assertThat(version.at("/STATUS/0/Description").asText()).startsWith("BOSminer");
            assertThat(tunerWatts(endpoint)).isEqualTo(3010);

            JsonNode pause = call(endpoint, "{\"command\":\"pause\"}");
            assertThat(pause.at("/STATUS/0/STATUS").asText()).isEqualTo("S");
            assertThat(pause.at("/PAUSE/0/Paused").asBoolean()).isTrue();
            clock.advance(Duration.ofSeconds(2));
            assertThat(tunerWatts(endpoint)).isEqualTo(18);
            assertThat(call(endpoint, "{\"command\":\"summary\"}").at("/SUMMARY/0/MHS 5s").asDouble()).isZero();

            assertThat(call(endpoint, "{\"command\":\"resume\"}").at("/STATUS/0/STATUS").asText()).isEqualTo("S");
            clock.advance(Duration.ofSeconds(5));
            assertThat(tunerWatts(endpoint)).isEqualTo(3010);
            assertThat(call(endpoint, "{\"command\":\"pause+summary\"}").at("/pause/0/STATUS/0/Code").asInt())
                    .isEqualTo(45);
        }
    }

    @Test
    void bosminerThatIgnoresShedsKeepsDrawing() throws IOException {
        try (SimulatedFleet fleet = fleet(Firmware.BOSMINER)) {
            fleet.miner(0).setMisbehaviour(Misbehaviour.IGNORE_SHED);
            assertThat(call(fleet.endpoint(0), "{\"command\":\"pause\"}").at("/STATUS/0/STATUS").asText())
                    .isEqualTo("S");
            clock.advance(Duration.ofSeconds(10));
            assertThat(tunerWatts(fleet.endpoint(0))).isEqualTo(3010);
        }
    }

    @Test
    void hangGarbageSlowAndOfflineMisbehaviours() throws IOException {
        try (SimulatedFleet fleet = fleet(Firmware.BOSMINER)) {
            SimulatedMiner miner = fleet.miner(0);
            String endpoint = fleet.endpoint(0);
            miner.setMisbehaviour(Misbehaviour.GARBAGE);
            String garbage = raw(endpoint, "{\"command\":\"summary\"}");
            assertThatThrownBy(() -> MAPPER.readTree(garbage)).isInstanceOf(IOException.class);

            miner.setMisbehaviour(Misbehaviour.HANG);
            assertThatThrownBy(() -> raw(endpoint, "{\"command\":\"summary\"}", 500))
                    .isInstanceOf(SocketTimeoutException.class);

            miner.setReplyDelay(Duration.ofMillis(1000));
            miner.setMisbehaviour(Misbehaviour.SLOW);
            assertThatThrownBy(() -> raw(endpoint, "{\"command\":\"summary\"}", 200))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(call(endpoint, "{\"command\":\"summary\"}").at("/STATUS/0/STATUS").asText()).isEqualTo("S");

            miner.setMisbehaviour(Misbehaviour.NONE);
            miner.setApiOffline(true);
            assertThatThrownBy(() -> raw(endpoint, "{\"command\":\"summary\"}")).isInstanceOf(IOException.class)
                    .hasMessageContaining("without the NUL");
        }
    }

    private SimulatedFleet fleet(Firmware firmware) {
        return SimulatedFleet.builder("cg").firmware(firmware).count(1).noise(0).clock(clock)
                .sleepRamp(Duration.ofSeconds(2)).warmUp(Duration.ofSeconds(5)).start();
    }

    private static long tunerWatts(String endpoint) throws IOException {
        return call(endpoint, "{\"command\":\"tunerstatus\"}").at("/TUNERSTATUS/0/ApproximateMinerPowerConsumption")
                .asLong();
    }

    private static JsonNode call(String endpoint, String request) throws IOException {
        return MAPPER.readTree(raw(endpoint, request));
    }

    private static String raw(String endpoint, String request) throws IOException {
        return raw(endpoint, request, 10_000);
    }

    /** Sends one request and returns the answer up to the NUL, checking the server then closes. */
    private static String raw(String endpoint, String request, int timeoutMillis) throws IOException {
        int colon = endpoint.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.substring(0, colon),
                    Integer.parseInt(endpoint.substring(colon + 1))), 2000);
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != 0) {
                out.write(b);
            }
            if (b != 0) {
                throw new IOException("connection closed without the NUL terminator");
            }
            if (in.read() != -1) {
                throw new IOException("the server kept the connection open after its answer");
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
