package io.gridflex.siteagent.miner.luxos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gridflex.siteagent.miner.MinerException;
import io.gridflex.siteagent.miner.MinerReading;
import io.gridflex.siteagent.miner.cgminerapi.CannedCgminerServer;

/** The LuxOS client's protocol handling against canned replies written from the public API description. */
class LuxosProtocolTest {

    private static final String OK = "{\"STATUS\":\"S\",\"Code\":%d,\"Msg\":\"ok\"}";
    private static final String POWER = "{\"STATUS\":[" + OK.formatted(339)
            + "],\"POWER\":[{\"Watts\":3250}],\"id\":1}";
    private static final String SUMMARY = "{\"STATUS\":[" + OK.formatted(11)
            + "],\"SUMMARY\":[{\"GHS 5s\":190000.5,\"Elapsed\":100}],\"id\":1}";

    private final LuxosClient client = new LuxosClient(Duration.ofSeconds(2), Clock.systemUTC());

    private static String error(int code, String message) {
        return "{\"STATUS\":[{\"STATUS\":\"E\",\"Code\":" + code + ",\"Msg\":\"" + message + "\"}],\"id\":1}";
    }

    private static String session(String id) {
        return "{\"STATUS\":[" + OK.formatted(316) + "],\"SESSION\":[{\"SessionID\":\"" + id + "\"}],\"id\":1}";
    }

    @Test
    void readsWithTheJoinedCommandWhenTheMinerAnswersIt() throws Exception {
        try (CannedCgminerServer miner = CannedCgminerServer.start(request -> switch (request.path("command")
                .asText()) {
            case "power+summary" -> "{\"power\":[" + POWER + "],\"summary\":[" + SUMMARY + "],\"id\":1}\0";
            default -> error(14, "Invalid command");
        })) {
            MinerReading reading = client.read(miner.endpoint());
            client.read(miner.endpoint());

            assertThat(reading.powerW()).isEqualTo(3250.0);
            assertThat(reading.hashrateGhs()).isEqualTo(190000.5);
            assertThat(miner.commands()).containsExactly("power+summary", "power+summary");
        }
    }

    @Test
    void fallsBackToSeparateCommandsOnAMinerThatRefusesTheJoinedOneAndRemembersIt() throws Exception {
        try (CannedCgminerServer miner = CannedCgminerServer.start(request -> switch (request.path("command")
                .asText()) {
            case "power" -> POWER;
            case "summary" -> SUMMARY;
            default -> error(45, "Access denied to 'power' command when joined");
        })) {
            MinerReading first = client.read(miner.endpoint());
            MinerReading second = client.read(miner.endpoint());

            assertThat(first.powerW()).isEqualTo(3250.0);
            assertThat(second.hashrateGhs()).isEqualTo(190000.5);
            assertThat(client.readsSeparately(miner.endpoint())).isTrue();
            assertThat(miner.commands()).containsExactly("power+summary", "power", "summary", "power", "summary");
        }
    }

    @Test
    void garbageToTheJoinedCommandFailsTheReadWithoutChangingHowTheMinerIsRead() throws Exception {
        try (CannedCgminerServer miner = CannedCgminerServer.start(request -> "{\"power\":[{\"STATUS\":")) {
            assertThatThrownBy(() -> client.read(miner.endpoint())).isInstanceOf(MinerException.class)
                    .hasMessageContaining("truncated");
            assertThat(client.readsSeparately(miner.endpoint())).isFalse();
        }
    }

    @Test
    void aNonFiniteWattsIsNoReading() throws Exception {
        try (CannedCgminerServer miner = CannedCgminerServer.start(request -> "{\"power\":[{\"STATUS\":[{\"STATUS\":"
                + "\"S\"}],\"POWER\":[{\"Watts\":nan}]}],\"summary\":[" + SUMMARY + "]}")) {
            assertThatThrownBy(() -> client.read(miner.endpoint())).isInstanceOf(MinerException.class)
                    .hasMessageContaining("lacks Watts");
        }
    }

    @Test
    void takesOverTheSessionADeadProcessLeftOpenAndKeepsUsingIt() throws Exception {
        try (CannedCgminerServer miner = CannedCgminerServer.start(request -> switch (request.path("command")
                .asText()) {
            case "logon" -> error(402, "Another session is active");
            case "session" -> session("LeftOpen");
            case "curtail" -> request.path("parameter").asText().startsWith("LeftOpen,")
                    ? "{\"STATUS\":[" + OK.formatted(335) + "],\"id\":1}"
                    : error(441, "Invalid session ID");
            default -> error(14, "Invalid command");
        })) {
            client.curtail(miner.endpoint(), "sleep");
            client.curtail(miner.endpoint(), "wakeup");

            assertThat(miner.commands()).containsExactly("logon", "session", "curtail", "curtail");
            assertThat(miner.requests()).extracting(r -> r.path("parameter").asText()).endsWith("LeftOpen,sleep",
                    "LeftOpen,wakeup");
        }
    }

    @Test
    void logsOnAgainWhenItsSessionExpiredAndTheShedStillSucceeds() throws Exception {
        AtomicReference<String> active = new AtomicReference<>();
        try (CannedCgminerServer miner = CannedCgminerServer.start(request -> {
            String command = request.path("command").asText();
            if (command.equals("logon")) {
                active.set(active.get() == null ? "First111" : "Second22");
                return session(active.get());
            }
            String id = request.path("parameter").asText().split(",")[0];
            return id.equals(active.get())
                    ? "{\"STATUS\":[" + OK.formatted(335) + "],\"id\":1}"
                    : error(441, "Invalid session ID: '" + id + "' is not the active session; use logon");
        })) {
            client.curtail(miner.endpoint(), "sleep");
            active.set("Expired0");

            client.curtail(miner.endpoint(), "wakeup");

            assertThat(miner.commands()).containsExactly("logon", "curtail", "curtail", "logon", "curtail");
            assertThat(miner.requests().getLast().path("parameter").asText()).isEqualTo("Second22,wakeup");
            assertThat(client.heldSession(miner.endpoint())).isEqualTo("Second22");
        }
    }

    @Test
    void aRefusedCommandNeverEchoesTheSessionIdAndIsNotRetriedWhenItIsNotASessionError() throws Exception {
        try (CannedCgminerServer miner = CannedCgminerServer.start(request -> request.path("command").asText()
                .equals("logon")
                        ? session("Secret42")
                        : error(442, "Invalid parameter: '" + request.path("parameter").asText() + "'"))) {
            assertThatThrownBy(() -> client.curtail(miner.endpoint(), "hibernate")).isInstanceOf(MinerException.class)
                    .hasMessageContaining("hibernate").hasMessageNotContaining("Secret42")
                    .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(442));
            assertThat(miner.commands()).containsExactly("logon", "curtail");
        }
    }

    @Test
    void aSessionFreshlyOpenedAndRefusedIsNotRetriedForever() throws Exception {
        try (CannedCgminerServer miner = CannedCgminerServer.start(request -> request.path("command").asText()
                .equals("logon") ? session("Fresh123") : error(441, "Invalid session ID"))) {
            assertThatThrownBy(() -> client.curtail(miner.endpoint(), "sleep")).isInstanceOf(MinerException.class)
                    .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(441));
            assertThat(miner.commands()).containsExactly("logon", "curtail");
            JsonNode last = miner.requests().getLast();
            assertThat(last.path("parameter").asText()).isEqualTo("Fresh123,sleep");
        }
    }
}
