package io.gridflex.siteagent.miner.cgminer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.gridflex.siteagent.miner.Capabilities;
import io.gridflex.siteagent.miner.DriverSettings;
import io.gridflex.siteagent.miner.MinerCredentials;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerException;
import io.gridflex.siteagent.miner.MinerReading;
import io.gridflex.siteagent.miner.cgminerapi.CannedCgminerServer;

/** The read-only cgminer/bmminer driver. */
class CgminerDriverTest {

    private final CgminerDriver driver = new CgminerDriver(new DriverSettings(Duration.ofSeconds(2),
            Clock.systemUTC(), MinerCredentials.none()));

    @Test
    void readsTheHashrateWithoutPowerDespiteTheUsualQuirks() throws Exception {
        try (CannedCgminerServer miner = CannedCgminerServer.start(request -> "{\"STATUS\":[{\"STATUS\":\"S\","
                + "\"Code\":11,\"Msg\":\"Summary\",}],\"SUMMARY\":[{\"Elapsed\":10,\"GHS 5s\":\"13612.08\","
                + "\"GHS av\":13500.1,\"Difficulty Accepted\":inf,}],\"id\":1}\0")) {
            MinerReading reading = driver.read(miner.endpoint());

            assertThat(reading.powerReported()).isFalse();
            assertThat(reading.hashrateGhs()).isEqualTo(13612.08);
            assertThat(miner.commands()).containsExactly("summary");
        }
    }

    @Test
    void isReadOnly() {
        MinerEndpoint miner = new MinerEndpoint("10.0.0.9", 4028);

        assertThat(driver.capabilities(miner)).isEqualTo(Capabilities.READ_ONLY);
        assertThatThrownBy(() -> driver.sleep(miner)).isInstanceOf(MinerException.class)
                .hasMessageContaining("read-only")
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(MinerException.UNSUPPORTED));
        assertThatThrownBy(() -> driver.wake(miner)).isInstanceOf(MinerException.class)
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(MinerException.UNSUPPORTED));
        assertThatThrownBy(() -> driver.powerTarget(miner, 1000)).isInstanceOf(MinerException.class)
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(MinerException.UNSUPPORTED));
    }

    @Test
    void identifiesCgminerAndBmminerButNotTheirForks() throws Exception {
        try (CannedCgminerServer bmminer = CannedCgminerServer.start(request -> "{\"STATUS\":[{\"STATUS\":\"S\"}],"
                + "\"VERSION\":[{\"BMMiner\":\"2.0.0\",\"API\":\"3.1\",\"Miner\":\"uart_trans.1.3\"}],\"id\":1}");
                CannedCgminerServer luxos = CannedCgminerServer.start(request -> "{\"STATUS\":[{\"STATUS\":\"S\"}],"
                        + "\"VERSION\":[{\"CGMiner\":\"4.11\",\"LUXminer\":\"2024.1\",\"API\":\"3.7\"}]}")) {
            assertThat(driver.identifies(bmminer.endpoint())).isTrue();
            assertThat(driver.identifies(luxos.endpoint())).isFalse();
        }
    }
}
