package io.gridflex.siteagent.miner.luxos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.power.MinerModel;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerException;
import io.gridflex.siteagent.miner.MinerReading;

/** The agent's miner client against simulated miners over real TCP. */
class LuxosClientTest {

    private SimulatedFleet fleet;
    private LuxosClient client;
    private MinerEndpoint endpoint;
    private SimulatedMiner miner;

    @BeforeEach
    void start() {
        fleet = SimulatedFleet.builder("client-test").model(MinerModel.S21).count(1).noise(0)
                .sleepRamp(Duration.ofMillis(100)).start();
        client = new LuxosClient(Duration.ofSeconds(2), Clock.systemUTC());
        endpoint = MinerEndpoint.parse(fleet.endpoint(0));
        miner = fleet.miner(0);
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void readsDrawAndHashrateInOneRoundTrip() throws MinerException {
        MinerReading reading = client.read(endpoint);

        assertThat(reading.powerW()).isEqualTo(3500.0);
        assertThat(reading.hashrateGhs()).isCloseTo(200_000.0, within(0.01));
        assertThat(reading.hashing()).isTrue();
        assertThat(client.powerW(endpoint)).isEqualTo(3500.0);
    }

    @Test
    void curtailsThroughASessionItKeepsOpenForTheNextCommand() throws MinerException {
        client.curtail(endpoint, "sleep");

        assertThat(miner.isAwake()).isFalse();
        assertThat(miner.curtailLog()).extracting(e -> e.action()).containsExactly("sleep");
        // The session stays open (warm) and is the one the client holds.
        String held = client.heldSession(endpoint);
        assertThat(held).isNotEmpty();
        assertThat(client.request(endpoint, "session", null).at("/SESSION/0/SessionID").asText()).isEqualTo(held);

        client.curtail(endpoint, "wakeup");

        assertThat(miner.curtailLog()).extracting(e -> e.action()).containsExactly("sleep", "wakeup");
        assertThat(client.heldSession(endpoint)).isEqualTo(held);
    }

    @Test
    void preparingOpensTheSessionAheadSoTheShedUsesItAndLeavesTheMinerAlone() throws MinerException {
        client.prepare(endpoint);

        String prepared = client.heldSession(endpoint);
        assertThat(prepared).isNotEmpty();
        assertThat(client.request(endpoint, "session", null).at("/SESSION/0/SessionID").asText()).isEqualTo(prepared);
        assertThat(miner.isAwake()).isTrue();
        assertThat(miner.curtailLog()).isEmpty();
        // Prepared again while fresh: the same session, no new logon.
        client.prepare(endpoint);
        assertThat(client.heldSession(endpoint)).isEqualTo(prepared);

        client.curtail(endpoint, "sleep");

        assertThat(miner.isAwake()).isFalse();
        assertThat(client.heldSession(endpoint)).isEqualTo(prepared);
    }

    @Test
    void opensANewSessionWhenTheOneItHeldWasClosedWithoutFailingTheCommand() throws MinerException {
        client.curtail(endpoint, "sleep");
        String first = client.heldSession(endpoint);
        client.request(endpoint, "logoff", first);

        client.curtail(endpoint, "wakeup");

        assertThat(miner.isAwake()).isTrue();
        assertThat(client.heldSession(endpoint)).isNotEmpty().isNotEqualTo(first);
    }

    @Test
    void reusesASessionLeftOpenByAnEarlierRun() throws MinerException {
        String leftOver = client.request(endpoint, "logon", null).at("/SESSION/0/SessionID").asText();

        client.curtail(endpoint, "sleep");

        assertThat(miner.isAwake()).isFalse();
        // The session it did not open is left to its owner.
        assertThat(client.request(endpoint, "session", null).at("/SESSION/0/SessionID").asText()).isEqualTo(leftOver);
    }

    @Test
    void anErrorStatusIsAnExceptionWithTheMinersCode() {
        assertThatThrownBy(() -> client.request(endpoint, "selfdestruct", null)).isInstanceOf(MinerException.class)
                .hasMessageContaining("Invalid command")
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(14));
        assertThatThrownBy(() -> client.curtail(endpoint, "hibernate")).isInstanceOf(MinerException.class)
                .hasMessageContaining("hibernate");
        assertThat(miner.isAwake()).isTrue();
    }

    @Test
    void aMinerThatDoesNotAnswerFailsWithinTheTimeout() throws IOException {
        miner.setApiOffline(true);
        assertThatThrownBy(() -> client.read(endpoint)).isInstanceOf(MinerException.class)
                .hasMessageContaining("without answering");

        try (ServerSocket silent = new ServerSocket(0)) {
            LuxosClient impatient = new LuxosClient(Duration.ofMillis(300), Clock.systemUTC());
            MinerEndpoint hanging = new MinerEndpoint("127.0.0.1", silent.getLocalPort());
            Thread.ofVirtual().start(() -> {
                try (Socket accepted = silent.accept()) {
                    // Reads the request and never answers, until the client gives up and closes.
                    while (accepted.getInputStream().read() != -1) {
                        continue;
                    }
                } catch (IOException e) {
                    // the client gave up; nothing to do
                }
            });
            assertThatThrownBy(() -> impatient.read(hanging)).isInstanceOf(MinerException.class)
                    .hasMessageContaining("SocketTimeoutException");
        }
    }

    @Test
    void garbageIsAnException() throws IOException {
        try (ServerSocket liar = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                try (Socket accepted = liar.accept()) {
                    accepted.getOutputStream().write("hello\0".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // nothing to do
                }
            });
            assertThatThrownBy(() -> client.read(new MinerEndpoint("127.0.0.1", liar.getLocalPort())))
                    .isInstanceOf(MinerException.class).hasMessageContaining("not JSON");
        }
    }

    @Test
    void endpointsParseAndRefuseNonsense() {
        assertThat(MinerEndpoint.parse(" 10.0.0.7:4028 ")).isEqualTo(new MinerEndpoint("10.0.0.7", 4028));
        assertThat(MinerEndpoint.parse("[::1]:4028")).hasToString("[::1]:4028");
        assertThatThrownBy(() -> MinerEndpoint.parse("10.0.0.7")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MinerEndpoint.parse("miner:port")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MinerEndpoint.parse("miner:70000")).isInstanceOf(IllegalArgumentException.class);
    }
}
