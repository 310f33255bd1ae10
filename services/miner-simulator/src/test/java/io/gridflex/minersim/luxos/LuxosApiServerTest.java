package io.gridflex.minersim.luxos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.power.MinerModel;
import io.gridflex.minersim.power.MinerState;

/** The miner API over real TCP, one request per connection, as clients in the field use it. */
class LuxosApiServerTest {

    private SimulatedFleet fleet;
    private SimulatedMiner miner;
    private LuxosClientForTests client;

    @BeforeEach
    void start() {
        fleet = SimulatedFleet.builder("api-test").model(MinerModel.S19XP).count(1).noise(0)
                .sleepRamp(Duration.ofMillis(200)).warmUp(Duration.ofMillis(300))
                .readTimeout(Duration.ofMillis(500)).maxRequestBytes(1024).start();
        miner = fleet.miner(0);
        client = new LuxosClientForTests(fleet.endpoint(0));
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void versionNamesTheModelAndTheApi() throws IOException {
        JsonNode response = client.call("{\"command\":\"version\"}");

        assertSuccess(response, 22);
        assertThat(response.get("id").asInt()).isEqualTo(1);
        assertThat(response.at("/VERSION/0/Type").asText()).isEqualTo("Antminer S19 XP");
        assertThat(response.at("/VERSION/0/API").asText()).isEqualTo("3.7");
        assertThat(response.at("/STATUS/0/Description").asText()).startsWith("LUXminer ");
        assertThat(response.at("/STATUS/0/When").asLong()).isPositive();
    }

    @Test
    void powerReportsTheDrawInWatts() throws IOException {
        JsonNode response = client.call("{\"command\":\"power\"}");

        assertSuccess(response, 339);
        assertThat(response.at("/POWER/0/Watts").asLong()).isEqualTo(3010);
        assertThat(response.at("/POWER/0/PSU").asBoolean()).isTrue();
    }

    @Test
    void summaryStatsDevsPoolsAndConfigDescribeAHashingMiner() throws IOException {
        JsonNode summary = client.call("{\"command\":\"summary\"}");
        assertSuccess(summary, 11);
        assertThat(summary.at("/SUMMARY/0/GHS 5s").asDouble()).isEqualTo(140_000.0);

        JsonNode stats = client.call("{\"command\":\"stats\"}");
        assertSuccess(stats, 70);
        assertThat(stats.at("/STATS/1/Power").asLong()).isEqualTo(3010);
        assertThat(stats.at("/STATS/0/Type").asText()).isEqualTo("Antminer S19 XP");

        JsonNode devs = client.call("{\"command\":\"devs\"}");
        assertSuccess(devs, 9);
        assertThat(devs.get("DEVS")).hasSize(3);
        assertThat(devs.at("/DEVS/0/Status").asText()).isEqualTo("Alive");

        JsonNode pools = client.call("{\"command\":\"pools\"}");
        assertSuccess(pools, 7);
        assertThat(pools.at("/POOLS/0/Stratum Active").asBoolean()).isTrue();

        JsonNode config = client.call("{\"command\":\"config\"}");
        assertSuccess(config, 33);
        assertThat(config.at("/CONFIG/0/ASC Count").asInt()).isEqualTo(3);
    }

    @Test
    void joinedReadCommandsAnswerEachUnderItsName() throws IOException {
        JsonNode response = client.call("{\"command\":\"power+summary\"}");

        assertThat(response.at("/power/0/POWER/0/Watts").asLong()).isEqualTo(3010);
        assertThat(response.at("/summary/0/SUMMARY/0/GHS 5s").asDouble()).isEqualTo(140_000.0);
        assertThat(response.get("id").asInt()).isEqualTo(1);
    }

    @Test
    void curtailIsRefusedWhenJoined() throws IOException {
        JsonNode response = client.call("{\"command\":\"power+curtail\",\"parameter\":\"x,sleep\"}");

        assertThat(response.at("/curtail/0/STATUS/0/STATUS").asText()).isEqualTo("E");
        assertThat(response.at("/curtail/0/STATUS/0/Code").asInt()).isEqualTo(45);
        assertThat(miner.state()).isEqualTo(MinerState.RUNNING);
    }

    @Test
    void sessionLifecycleGuardsCurtailment() throws IOException {
        assertThat(client.call("{\"command\":\"session\"}").at("/SESSION/0/SessionID").asText()).isEmpty();

        JsonNode logon = client.call("{\"command\":\"logon\"}");
        assertSuccess(logon, 316);
        String session = logon.at("/SESSION/0/SessionID").asText();
        assertThat(session).hasSize(8);

        JsonNode second = client.call("{\"command\":\"logon\"}");
        assertError(second, 402, "Another session is active");
        assertThat(client.call("{\"command\":\"session\"}").at("/SESSION/0/SessionID").asText()).isEqualTo(session);

        assertError(client.call("{\"command\":\"curtail\",\"parameter\":\"\"}"), 440, "session_id");
        assertError(client.call("{\"command\":\"curtail\",\"parameter\":\"wrong123,sleep\"}"), 441, "Invalid session");
        assertThat(miner.state()).isEqualTo(MinerState.RUNNING);

        JsonNode sleep = client.call("{\"command\":\"curtail\",\"parameter\":\"" + session + ",sleep\"}");
        assertSuccess(sleep, 335);
        assertThat(sleep.at("/CURTAIL/0/Action").asText()).isEqualTo("sleep mode");
        assertThat(miner.state()).isEqualTo(MinerState.SLEEPING);

        assertSuccess(client.call("{\"command\":\"logoff\",\"parameter\":\"" + session + "\"}"), 317);
        assertError(client.call("{\"command\":\"curtail\",\"parameter\":\"" + session + ",wakeup\"}"), 441,
                "Invalid session");
        assertThat(miner.isAwake()).isFalse();
        assertError(client.call("{\"command\":\"logoff\",\"parameter\":\"" + session + "\"}"), 441, "Invalid session");
    }

    @Test
    void wakeupBringsASleepingMinerBack() throws IOException {
        String session = client.call("{\"command\":\"logon\"}").at("/SESSION/0/SessionID").asText();
        client.call("{\"command\":\"curtail\",\"parameter\":\"" + session + ",sleep\"}");

        JsonNode wake = client.call("{\"command\":\"curtail\",\"parameter\":\"" + session + ",wakeup,mode=unsafe\"}");

        assertSuccess(wake, 335);
        assertThat(wake.at("/CURTAIL/0/Action").asText()).isEqualTo("wake up");
        assertThat(miner.isAwake()).isTrue();
        assertThat(miner.curtailLog()).extracting(e -> e.action()).containsExactly("sleep", "wakeup");
    }

    @Test
    void aPresetIsChosenOnlyWithTheThermalManagerOff() throws IOException {
        JsonNode profiles = client.call("{\"command\":\"profiles\"}");
        assertSuccess(profiles, 323);
        assertThat(profiles.at("/PROFILES")).hasSize(11);
        JsonNode lowest = profiles.at("/PROFILES/0");
        assertThat(lowest.get("Profile Name").asText()).isEqualTo("290MHz");
        assertThat(lowest.get("Watts").asInt()).isEqualTo(1505);
        assertThat(profiles.at("/PROFILES/8/Profile Name").asText()).isEqualTo("default");
        assertThat(profiles.at("/PROFILES/8/Watts").asInt()).isEqualTo(3010);
        assertThat(client.call("{\"command\":\"config\"}").at("/CONFIG/0/IsAtmEnabled").asBoolean()).isTrue();
        String session = client.call("{\"command\":\"logon\"}").at("/SESSION/0/SessionID").asText();

        assertError(client.call("{\"command\":\"profileset\",\"parameter\":\"" + session + ",290MHz\"}"), 445,
                "ATM");
        assertThat(miner.powerLevelW()).isEqualTo(3010.0);
        assertError(client.call("{\"command\":\"atmset\",\"parameter\":\"" + session + ",enabled=maybe\"}"), 442,
                "enabled=maybe");
        assertError(client.call("{\"command\":\"atmset\",\"parameter\":\"nope,enabled=false\"}"), 441, "session");
        JsonNode atmOff = client.call("{\"command\":\"atmset\",\"parameter\":\"" + session + ",enabled=false\"}");
        assertSuccess(atmOff, 340);
        assertThat(client.call("{\"command\":\"atm\"}").at("/ATM/0/Enabled").asBoolean()).isFalse();
        assertError(client.call("{\"command\":\"profileset\",\"parameter\":\"" + session + ",9999MHz\"}"), 442,
                "9999MHz");

        JsonNode set = client.call("{\"command\":\"profileset\",\"parameter\":\"" + session + ",290MHz\"}");

        assertSuccess(set, 321);
        assertThat(set.at("/PROFILE/0/Profile").asText()).isEqualTo("290MHz");
        assertThat(miner.powerLevelW()).isEqualTo(1505.0);
        JsonNode config = client.call("{\"command\":\"config\"}");
        assertThat(config.at("/CONFIG/0/Profile").asText()).isEqualTo("290MHz");
        assertThat(config.at("/CONFIG/0/IsAtmEnabled").asBoolean()).isFalse();
        assertThat(miner.curtailLog()).extracting(e -> e.action()).containsExactly("atm off", "profile 290MHz");
    }

    @Test
    void unknownCurtailActionChangesNothing() throws IOException {
        String session = client.call("{\"command\":\"logon\"}").at("/SESSION/0/SessionID").asText();

        assertError(client.call("{\"command\":\"curtail\",\"parameter\":\"" + session + ",hibernate\"}"), 442,
                "hibernate");
        assertError(client.call("{\"command\":\"curtail\",\"parameter\":\"" + session + "\"}"), 440, "action");
        assertThat(miner.state()).isEqualTo(MinerState.RUNNING);
        assertThat(miner.curtailLog()).isEmpty();
    }

    @Test
    void malformedJsonIsAnsweredAndTheServerKeepsServing() throws IOException {
        JsonNode response = client.call("{\"command\": \"summary\",}");

        assertError(response, 23, "Invalid JSON");
        assertSuccess(client.call("{\"command\":\"version\"}"), 22);
    }

    @Test
    void requestsThatAreNotCommandObjectsAreRefused() throws IOException {
        assertError(client.call("{\"parameter\":\"x\"}"), 23, "command");
        assertError(client.call("{\"command\":42}"), 23, "command");
        assertError(client.call("{\"command\":\"power\",\"parameter\":{\"a\":1}}"), 23, "parameter");
        assertError(parse(client.raw("summary\n".getBytes(StandardCharsets.UTF_8), false)), 23, "Invalid JSON");
    }

    @Test
    void unknownCommandIsAnErrorNamingIt() throws IOException {
        assertError(client.call("{\"command\":\"selfdestruct\"}"), 14, "selfdestruct");
    }

    @Test
    void oversizedRequestIsRefused() throws IOException {
        byte[] big = new byte[20_000];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';

        JsonNode response = parse(client.raw(big, false));

        assertError(response, 443, "too large");
        assertSuccess(client.call("{\"command\":\"version\"}"), 22);
    }

    @Test
    void silentClientGetsATimeoutErrorInsteadOfAHang() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", portOf(fleet.endpoint(0))), 2000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("{\"command\":".getBytes(StandardCharsets.UTF_8));

            JsonNode response = parse(LuxosClientForTests.readResponse(socket.getInputStream()));

            assertError(response, 444, "timed out");
        }
    }

    @Test
    void truncatedRequestFromAClientThatClosesItsSideIsInvalidJson() throws IOException {
        JsonNode response = parse(client.raw("{\"command\":\"pow".getBytes(StandardCharsets.UTF_8), true));

        assertError(response, 23, "Invalid JSON");
    }

    @Test
    void nulTerminatedRequestsAreUnderstood() throws IOException {
        JsonNode response = parse(client.raw("{\"command\":\"power\"}\0".getBytes(StandardCharsets.UTF_8), false));

        assertSuccess(response, 339);
    }

    @Test
    void offlineMinerClosesConnectionsWithoutAnswering() {
        miner.setApiOffline(true);

        assertThatThrownBy(() -> client.call("{\"command\":\"power\"}")).isInstanceOf(IOException.class)
                .hasMessageContaining("without the NUL terminator");
    }

    private static JsonNode parse(String json) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    }

    private static int portOf(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    private static void assertSuccess(JsonNode response, int code) {
        assertThat(response.at("/STATUS/0/STATUS").asText()).as(response.toString()).isEqualTo("S");
        assertThat(response.at("/STATUS/0/Code").asInt()).as(response.toString()).isEqualTo(code);
    }

    private static void assertError(JsonNode response, int code, String messagePart) {
        assertThat(response.at("/STATUS/0/STATUS").asText()).as(response.toString()).isEqualTo("E");
        assertThat(response.at("/STATUS/0/Code").asInt()).as(response.toString()).isEqualTo(code);
        assertThat(response.at("/STATUS/0/Msg").asText()).as(response.toString()).containsIgnoringCase(messagePart);
        assertThat(response.get("id").asInt()).isEqualTo(1);
    }
}
