package io.gridflex.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Ports picked one after the other never repeat: a broker's listeners each get their own; ports of servers that restart
 * on the same port lie where no client socket's automatic port can take them.
 */
class FreePortTest {

    @Test
    void picksInARowAreAllDifferent() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ports.add(FreePort.pick());
        }
        assertThat(ports).doesNotHaveDuplicates().allMatch(p -> p > 0 && p <= 65535);
    }

    @Test
    void portsForServersThatRestartLieBelowTheAutomaticLocalPortsAndDoNotRepeat() throws Exception {
        int automatic = FreePort.ephemeralRangeStart();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ports.add(FreePort.pickForRestart());
        }
        assertThat(ports).doesNotHaveDuplicates().allMatch(p -> p >= 1_024 && p < automatic);
        // What the kernel gives a client socket is in its range, never one of these.
        try (java.net.Socket client = new java.net.Socket()) {
            client.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            assertThat(client.getLocalPort()).isGreaterThanOrEqualTo(automatic);
        }
    }
}
