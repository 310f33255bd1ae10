package io.gridflex.siteagent.miner.cgminerapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerException;

/** The transport and status handling against a loopback server replaying canned replies. */
class CgminerTransportTest {

    private final CgminerTransport transport = new CgminerTransport(Duration.ofSeconds(2));

    @Test
    void sendsCommandAndParameterAndReadsUpToTheNul() throws Exception {
        try (CannedCgminerServer miner = CannedCgminerServer.start(request -> "{\"STATUS\":[{\"STATUS\":\"S\","
                + "\"Code\":11,\"Msg\":\"Summary\"}],\"SUMMARY\":[{\"MHS 5s\":95000000.0}],\"id\":1}\0")) {
            JsonNode reply = transport.command(miner.endpoint(), "summary", "x,y");

            assertThat(miner.requests()).singleElement()
                    .satisfies(
                            r -> assertThat(r.toString()).isEqualTo("{\"command\":\"summary\",\"parameter\":\"x,y\"}"));
            assertThat(CgminerReplies.hashrateGhs(miner.endpoint(),
                    CgminerReplies.section(miner.endpoint(), reply, "summary", "SUMMARY"))).isEqualTo(95_000.0);
        }
    }

    @Test
    void statusesOtherThanSuccessOrInfoAreFailuresWithTheMinersCodeAndMessage() throws Exception {
        for (String severity : new String[]{"W", "E", "F"}) {
            try (CannedCgminerServer miner = CannedCgminerServer.start(request -> "{\"STATUS\":[{\"STATUS\":\""
                    + severity + "\",\"Code\":45,\"Msg\":\"Access denied to 'pause' command\"}],\"id\":1}")) {
                assertThatThrownBy(() -> transport.command(miner.endpoint(), "pause", null))
                        .isInstanceOf(MinerException.class).hasMessageContaining("Access denied")
                        .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(45))
                        .satisfies(e -> assertThat(CgminerTransport.isTransportFailure((MinerException) e)).isFalse());
            }
        }
        try (CannedCgminerServer miner = CannedCgminerServer.start(
                request -> "{\"STATUS\":[{\"STATUS\":\"I\",\"Code\":1,\"Msg\":\"info\"}],\"id\":1}")) {
            assertThat(transport.command(miner.endpoint(), "pause", null).has("STATUS")).isTrue();
        }
    }

    @Test
    void everyPartOfAJoinedReplyIsChecked() throws Exception {
        try (CannedCgminerServer miner = CannedCgminerServer.start(request -> "{\"power\":[{\"STATUS\":[{\"STATUS\":"
                + "\"S\"}],\"POWER\":[{\"Watts\":3300}]}],\"summary\":[{\"STATUS\":[{\"STATUS\":\"E\",\"Code\":14,"
                + "\"Msg\":\"Invalid command\"}]}],\"id\":1}")) {
            assertThatThrownBy(() -> transport.command(miner.endpoint(), "power+summary", null))
                    .isInstanceOf(MinerException.class).hasMessageContaining("summary failed: Invalid command")
                    .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(14));
        }
    }

    @Test
    void aReplyWithoutAnyStatusIsAFailure() throws Exception {
        try (CannedCgminerServer miner = CannedCgminerServer.start(request -> "{\"SUMMARY\":{\"x\":1}}")) {
            assertThatThrownBy(() -> transport.command(miner.endpoint(), "summary", null))
                    .isInstanceOf(MinerException.class).hasMessageContaining("no STATUS");
        }
    }

    @Test
    void truncatedOversizedAndMissingRepliesAreTransportFailures() throws Exception {
        try (CannedCgminerServer miner = CannedCgminerServer.start(
                request -> "{\"STATUS\":[{\"STATUS\":\"S\"}],\"SUMMARY\":[{\"GHS 5s\":1")) {
            assertThatThrownBy(() -> transport.command(miner.endpoint(), "summary", null))
                    .isInstanceOf(MinerException.class).hasMessageContaining("truncated")
                    .satisfies(e -> assertThat(CgminerTransport.isTransportFailure((MinerException) e)).isTrue());
        }
        CgminerTransport small = new CgminerTransport(Duration.ofSeconds(2), 64);
        try (CannedCgminerServer miner = CannedCgminerServer.start(
                request -> "{\"STATUS\":[{\"STATUS\":\"S\"}],\"PAD\":\"" + "x".repeat(10_000) + "\"}")) {
            assertThatThrownBy(() -> small.command(miner.endpoint(), "summary", null))
                    .isInstanceOf(MinerException.class).hasMessageContaining("exceeds 64 bytes");
        }
        try (CannedCgminerServer miner = CannedCgminerServer.start(request -> null)) {
            assertThatThrownBy(() -> transport.command(miner.endpoint(), "summary", null))
                    .isInstanceOf(MinerException.class).hasMessageContaining("without answering");
        }
    }

    @Test
    void nothingListeningIsATransportFailure() throws Exception {
        // A socket bound to the port but not listening: connecting is refused, and no other test can take the port
        // in the meantime (as it could once a closed server's port is free again).
        try (Socket bound = new Socket()) {
            bound.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            MinerEndpoint gone = new MinerEndpoint(bound.getLocalAddress().getHostAddress(), bound.getLocalPort());
            assertThatThrownBy(() -> transport.command(gone, "summary", null)).isInstanceOf(MinerException.class)
                    .satisfies(e -> assertThat(CgminerTransport.isTransportFailure((MinerException) e)).isTrue());
        }
    }

    @Test
    void hashrateFieldsAreReadInTheirUnitsAndNumericStringsAccepted() throws Exception {
        MinerEndpoint m = new MinerEndpoint("10.0.0.1", 4028);
        var mapper = CgminerJson.mapper();
        assertThat(CgminerReplies.hashrateGhs(m, mapper.readTree("{\"GHS 5s\":\"120.5\"}"))).isEqualTo(120.5);
        assertThat(CgminerReplies.hashrateGhs(m, mapper.readTree("{\"THS 5s\":0.2}"))).isEqualTo(200.0);
        assertThat(CgminerReplies.hashrateGhs(m, mapper.readTree("{\"GHS 5s\":null,\"GHS av\":7}"))).isEqualTo(7.0);
        assertThatThrownBy(() -> CgminerReplies.hashrateGhs(m, mapper.readTree("{\"Elapsed\":1}")))
                .isInstanceOf(MinerException.class).hasMessageContaining("no hashrate");
    }
}
