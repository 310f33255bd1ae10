package io.gridflex.siteagent;

import java.time.Clock;
import java.util.List;
import java.util.Properties;

import io.gridflex.siteagent.miner.DriverSettings;
import io.gridflex.siteagent.miner.MinerCredentials;
import io.gridflex.siteagent.miner.MinerDrivers;
import io.gridflex.siteagent.miner.antminer.AntminerDriver;
import io.gridflex.siteagent.miner.bosminer.BosminerDriver;
import io.gridflex.siteagent.miner.braiins.BraiinsDriver;
import io.gridflex.siteagent.miner.cgminer.CgminerDriver;
import io.gridflex.siteagent.miner.luxos.LuxosDriver;
import io.gridflex.siteagent.miner.whatsminer.WhatsminerDriver;

/** The agent's drivers for tests that build the agent's parts by hand. */
public final class TestDrivers {

    private TestDrivers() {
    }

    /** A driver for every firmware, logging in with {@code logins} ({@code braiins.username}, ...). */
    public static MinerDrivers every(SiteConfig config, Clock clock, Properties logins) {
        DriverSettings settings = new DriverSettings(config.miner().timeout(), clock, MinerCredentials.of(logins));
        return new MinerDrivers(config, List.of(new LuxosDriver(settings), new BraiinsDriver(settings),
                new BosminerDriver(settings), new WhatsminerDriver(settings), new AntminerDriver(settings),
                new CgminerDriver(settings)));
    }

    public static MinerDrivers of(SiteConfig config, Clock clock) {
        DriverSettings settings = new DriverSettings(config.miner().timeout(), clock, MinerCredentials.none());
        return new MinerDrivers(config, List.of(new LuxosDriver(settings)));
    }
}
