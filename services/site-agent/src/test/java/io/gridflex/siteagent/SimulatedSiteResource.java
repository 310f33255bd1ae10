package io.gridflex.siteagent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.power.MinerModel;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A site of ten simulated S19 XP miners on loopback, started in-process before the agent, and the agent's
 * configuration for it. Two miners start asleep, as if the operator had left them off, so eight run (about 24.1 kW)
 * under an import limit of 25.5 kW: one more running miner would break the limit.
 */
public class SimulatedSiteResource implements QuarkusTestResourceLifecycleManager {

    public static final String SITE = "it-site";
    public static final double MAX_IMPORT_KW = 25.5;
    public static final Duration STAGE_INTERVAL = Duration.ofMillis(1500);

    /** The status API's password for this test JVM, made up at random like a site's secret. */
    public static final String STATUS_PASSWORD = java.util.UUID.randomUUID().toString();

    private static SimulatedFleet fleet;

    public static SimulatedFleet fleet() {
        return fleet;
    }

    @Override
    public Map<String, String> start() {
        fleet = SimulatedFleet.builder(SITE).model(MinerModel.S19XP).count(10).initiallySleeping(2).noise(0.01)
                .seed(7).sleepRamp(Duration.ofSeconds(1)).warmUp(Duration.ofSeconds(2)).start();
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("site-agent-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.ofEntries(
                Map.entry("gridflex.site.id", SITE),
                Map.entry("gridflex.status.password", STATUS_PASSWORD),
                Map.entry("gridflex.site.miners", String.join(",", fleet.endpoints())),
                Map.entry("gridflex.site.max-import-kw", String.valueOf(MAX_IMPORT_KW)),
                Map.entry("gridflex.site.state-file", stateDir.resolve("state.json").toString()),
                Map.entry("gridflex.site.restore.stage-kw", "6.5"),
                Map.entry("gridflex.site.restore.stage-interval", STAGE_INTERVAL.toMillis() + "ms"),
                Map.entry("gridflex.site.restore.confirm-timeout", "30s"),
                Map.entry("gridflex.site.restore.start-jitter", "0s"),
                Map.entry("gridflex.site.telemetry.interval", "2s"),
                Map.entry("gridflex.site.miner.timeout", "1s"),
                Map.entry("gridflex.site.shed.confirm-timeout", "5s"),
                // Whole miners only: these tests count sleeps and wakes. Trimming (a power target or a LuxOS profile
                // for the last kilowatts) is tested by MixedSiteTest and DriversAgainstSimulatorTest.
                Map.entry("gridflex.site.shed.power-target-floor", "1"));
    }

    @Override
    public void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }
}
