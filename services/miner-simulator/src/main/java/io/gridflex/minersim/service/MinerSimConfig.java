package io.gridflex.minersim.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.gridflex.minersim.meter.RegisterMap;
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

        /**
         * Miners per firmware ({@code LUXOS}, {@code BRAIINS}, {@code BOSMINER}, {@code WHATSMINER},
         * {@code WHATSMINER_V2}, {@code ANTMINER}, {@code CGMINER}), grouped in that order; when given it sets the
         * count. Empty: {@code count} LuxOS miners.
         */
        Map<String, Integer> firmwares();

        /** Per-miner addressing: miner i listens on this address + i (in 127.0.0.0/8) on its firmware's real port. */
        Optional<String> addressBase();

        /** In per-miner addressing, a port per firmware instead of its real one (e.g. 8080 where 80 is not allowed). */
        Map<String, Integer> firmwarePorts();

        /**
         * Passwords per firmware (Braiins and Antminer {@code root}, Whatsminer {@code super}, Whatsminer API v2
         * {@code admin}); factory ones if absent.
         */
        Map<String, String> passwords();

        /** Whether the miners' cgminer-family replies carry the quirks tolerant parsers must accept. */
        @WithDefault("false")
        boolean quirky();

        /** The site's Modbus TCP meter. */
        Meter meter();

        /** The co-located data centre the meter also measures. */
        DataCentre dataCentre();
    }

    interface Meter {

        /** Whether the site has a simulated meter. */
        @WithDefault("false")
        boolean enabled();

        /** Modbus TCP port; 502 on real meters, 0 picks a free one. */
        @WithDefault("502")
        int port();

        /** The Modbus unit id the meter answers. */
        @WithDefault("1")
        int unitId();

        /** HOLDING (function 3) or INPUT (function 4) registers. */
        @WithDefault("HOLDING")
        RegisterMap.RegisterKind registerKind();

        /** BIG_ENDIAN (high word first) or SWAPPED (low word first) for every 32-bit value. */
        @WithDefault("BIG_ENDIAN")
        RegisterMap.WordOrder wordOrder();

        /** FLOAT32 (kWh) or UINT32 (kWh times energy-scale) for the energy registers. */
        @WithDefault("FLOAT32")
        RegisterMap.EnergyFormat energyFormat();

        /** What one count of a UINT32 energy register is: 1/energy-scale kWh. */
        @WithDefault("1000")
        int energyScale();

        /** Register addresses (0-based, two registers each; -1 leaves one out). */
        Registers registers();
    }

    interface Registers {

        @WithDefault("0")
        int siteKw();

        @WithDefault("2")
        int miningKw();

        @WithDefault("4")
        int dataCentreKw();

        @WithDefault("6")
        int siteKwh();

        @WithDefault("8")
        int miningKwh();

        @WithDefault("10")
        int dataCentreKwh();
    }

    interface DataCentre {

        /** Steady draw, kW. */
        @WithDefault("0")
        double baseKw();

        /** Largest extra draw of an AI-training spike, kW. */
        @WithDefault("0")
        double spikeKw();

        @WithDefault("5m")
        Duration spikeDuration();

        /** One spike, at a seeded random offset, per period. */
        @WithDefault("30m")
        Duration spikePeriod();

        @WithDefault("1")
        long seed();
    }
}
