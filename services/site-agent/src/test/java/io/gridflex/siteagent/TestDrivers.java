package io.gridflex.siteagent;

import java.time.Clock;
import java.util.List;

import io.gridflex.siteagent.miner.DriverSettings;
import io.gridflex.siteagent.miner.MinerCredentials;
import io.gridflex.siteagent.miner.MinerDrivers;
import io.gridflex.siteagent.miner.luxos.LuxosDriver;

/** The agent's drivers for tests that build the agent's parts by hand. */
public final class TestDrivers {

    private TestDrivers() {
    }

    public static MinerDrivers of(SiteConfig config, Clock clock) {
        DriverSettings settings = new DriverSettings(config.miner().timeout(), clock, MinerCredentials.none());
        return new MinerDrivers(config, List.of(new LuxosDriver(settings)));
    }
}
