package io.gridflex.siteagent.miner.bosminer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.gridflex.siteagent.miner.DriverSettings;
import io.gridflex.siteagent.miner.MinerCredentials;
import io.gridflex.siteagent.miner.MinerReading;
import io.gridflex.siteagent.miner.cgminerapi.CannedCgminerServer;

/** The legacy bosminer driver against canned cgminer-style replies. */
class BosminerDriverTest {

    private static final String OK = "{\"STATUS\":\"S\",\"When\":1,\"Code\":%d,\"Msg\":\"%s\"}";
    private static final String TUNER = "{\"STATUS\":[" + OK.formatted(1, "tunerstatus")
            + "],\"TUNERSTATUS\":[{\"PowerLimit\":3000,\"ApproximateMinerPowerConsumption\":2875,"
            + "\"ApproximateChainPowerConsumption\":2700,\"TunerChainStatus\":[]}],\"id\":1}";
    private static final String SUMMARY = "{\"STATUS\":[" + OK.formatted(11, "Summary")
            + "],\"SUMMARY\":[{\"Elapsed\":50,\"MHS 5s\":95000000.0,\"MHS av\":94000000.0}],\"id\":1}";

    private final BosminerDriver driver = new BosminerDriver(new DriverSettings(Duration.ofSeconds(2),
            Clock.systemUTC(), MinerCredentials.none()));

    private static String error(int code, String message) {
        return "{\"STATUS\":[{\"STATUS\":\"E\",\"When\":1,\"Code\":" + code + ",\"Msg\":\"" + message + "\"}],"
                + "\"id\":1}";
    }

    @Test
    void readsTunerPowerAndSummaryHashrateInOneJoinedRequest() throws Exception {
        try (CannedCgminerServer miner = CannedCgminerServer.start(request -> request.path("command").asText()
                .equals("tunerstatus+summary")
                        ? "{\"tunerstatus\":[" + TUNER + "],\"summary\":[" + SUMMARY + "],\"id\":1}\0"
                        : error(14, "Invalid command"))) {
            MinerReading reading = driver.read(miner.endpoint());

            assertThat(reading.powerW()).isEqualTo(2875.0);
            assertThat(reading.powerReported()).isTrue();
            assertThat(reading.hashrateGhs()).isEqualTo(95_000.0);
            assertThat(driver.capabilities(miner.endpoint()).reportsPower()).isTrue();
        }
    }

    @Test
    void aVersionWithoutTunerstatusIsReadWithoutPowerAndSaysSo() throws Exception {
        try (CannedCgminerServer miner = CannedCgminerServer.start(request -> request.path("command").asText()
                .equals("summary") ? SUMMARY : error(14, "Invalid command"))) {
            MinerReading first = driver.read(miner.endpoint());
            MinerReading second = driver.read(miner.endpoint());

            assertThat(first.powerReported()).isFalse();
            assertThat(second.hashrateGhs()).isEqualTo(95_000.0);
            assertThat(driver.capabilities(miner.endpoint()).reportsPower()).isFalse();
            assertThat(driver.capabilities(miner.endpoint()).sleep()).isTrue();
            assertThat(miner.commands()).containsExactly("tunerstatus+summary", "tunerstatus", "summary", "summary");
        }
    }

    @Test
    void pausesAndResumes() throws Exception {
        try (CannedCgminerServer miner = CannedCgminerServer.start(request -> "{\"STATUS\":[" + OK.formatted(0,
                request.path("command").asText()) + "],\"id\":1}")) {
            driver.sleep(miner.endpoint());
            driver.wake(miner.endpoint());

            assertThat(miner.requests()).extracting(Object::toString).containsExactly("{\"command\":\"pause\"}",
                    "{\"command\":\"resume\"}");
        }
    }

    @Test
    void identifiesBosminerByItsVersion() throws Exception {
        try (CannedCgminerServer bos = CannedCgminerServer.start(request -> "{\"STATUS\":[" + OK.formatted(22,
                "CGMiner versions") + "],\"VERSION\":[{\"BOSminer\":\"0.2.0-36c56a19e\",\"API\":\"3.7\"}],\"id\":1}");
                CannedCgminerServer lux = CannedCgminerServer.start(request -> "{\"STATUS\":[" + OK.formatted(22,
                        "LUXminer versions") + "],\"VERSION\":[{\"LUXminer\":\"2024.1\",\"API\":\"3.7\"}]}")) {
            assertThat(driver.identifies(bos.endpoint())).isTrue();
            assertThat(driver.identifies(lux.endpoint())).isFalse();
        }
    }
}
