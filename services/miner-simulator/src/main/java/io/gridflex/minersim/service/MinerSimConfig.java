package io.gridflex.minersim.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.gridflex.minersim.power.MinerModel;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The simulated fleets this process runs, one per site. */
@ConfigMapping(prefix = "gridflex.miner-sim")
public interface MinerSimConfig {

    /** Address every miner endpoint binds to. */
    @WithDefault("127.0.0.1")
    String host();

    /** Longest wait for a complete API request before answering with an error. */
    @WithDefault("5s")
    Duration readTimeout();

    /** Largest API request accepted, in bytes. */
    @WithDefault("8192")
    int maxRequestBytes();

    /** Fleets by site id. */
    Map<String, Fleet> fleets();

    interface Fleet {

        /** Number of miners; ignored when {@link #ports()} is given. */
        @WithDefault("10")
        int count();

        @WithDefault("S19XP")
        MinerModel model();

        /** Miner i listens on first-port + i; 0 takes any free port for each. */
        @WithDefault("0")
        int firstPort();

        /** Explicit ports, one per miner. */
        Optional<List<Integer>> ports();

        /** Time a sleeping miner takes to reach full power; about 60 s on real hardware. */
        @WithDefault("5s")
        Duration warmUp();

        /** Time a running miner takes to fall to its sleep draw. */
        @WithDefault("2s")
        Duration sleepRamp();

        /** Largest relative deviation of each miner's bias and of its jitter. */
        @WithDefault("0.015")
        double noise();

        /** Seed of the noise, so a run can be reproduced. */
        @WithDefault("1")
        long seed();

        /** The last n miners start asleep. */
        @WithDefault("0")
        int initiallySleeping();
    }
}
