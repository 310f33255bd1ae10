package io.gridflex.siteagent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** One mining site: its miners, its import limit, and how the agent drives and meters them. */
@ConfigMapping(prefix = "gridflex.site")
public interface SiteConfig {

    /** The site this agent runs for; it acts only on schedules for this id. */
    String id();

    /** The site's import limit in kW: a restore never takes the projected draw above it. */
    double maxImportKw();

    /**
     * Import the controller keeps free under the limit (or a DR event's cap), in kW, for the non-mining load's spikes
     * to land in while mining gives way: a data centre's step up is absorbed at once instead of over the miners' ramp.
     * 0 mines right up to the limit.
     */
    @WithDefault("0")
    double importHeadroomKw();

    /**
     * Mining is planned as if the site's other load (a data centre) were at the highest the meter measured over this
     * window: a load that keeps stepping back up to a level it reached lately (AI training's spikes) finds the import
     * free at once, instead of over the miners' ramp. Mining then follows the load's recent peak rather than its dips.
     * 0 plans with the load as measured now.
     */
    @WithDefault("5m")
    Duration otherLoadPeakWindow();

    /**
     * The site's miners, {@code [firmware://]host[:port][?nominal-w=W]} ({@link io.gridflex.siteagent.miner.InventoryEntry}):
     * LuxOS and the firmware's own port when not given. May be empty only when {@link Scan#enabled() scanning} finds
     * them; for the addresses it names, this list wins over what a scan finds.
     */
    Optional<List<String>> miners();

    /** How often every miner's power is read. */
    @WithDefault("1s")
    Duration sampleInterval();

    /** How often the controller compares what the schedule asks for now with what the site does. */
    @WithDefault("250ms")
    Duration controlInterval();

    /** How far ahead of this clock a schedule's issue time may be before the clocks are deemed out of step. */
    @WithDefault("5s")
    Duration scheduleClockSkew();

    /** Where the schedule, its progress and the miners held asleep are persisted, so a restarted agent carries on. */
    Path stateFile();

    Restore restore();

    Telemetry telemetry();

    Miner miner();

    Shed shed();

    Health health();

    Link link();

    Scan scan();

    interface Restore {

        /** Most draw one restore stage may add back, in kW. */
        @WithDefault("30")
        double stageKw();

        /** Time between restore stages. */
        @WithDefault("10s")
        Duration stageInterval();

        /** How long a woken miner may take to run at full power again before it is reported as not back. */
        @WithDefault("120s")
        Duration confirmTimeout();

        /**
         * Longest delay of a restore's first stage after a segment ends, drawn per site and segment, so that the sites
         * one event releases do not all step up in the same second.
         */
        @WithDefault("30s")
        Duration startJitter();
    }

    interface Telemetry {

        /** Length of one reported interval. */
        @WithDefault("2s")
        Duration interval();
    }

    interface Miner {

        /** Connect and read timeout of one API request. */
        @WithDefault("2s")
        Duration timeout();

        /** Extra attempts for a command a miner did not answer. */
        @WithDefault("2")
        int retries();

        /** Pause between attempts. */
        @WithDefault("300ms")
        Duration retryDelay();

        /** How long a miner that failed a command is left out of shed plans. */
        @WithDefault("30s")
        Duration failureCooldown();

        /** Most miner readings under way at once; commands are not limited. */
        @WithDefault("256")
        int readConcurrency();

        /** Longest a reading waits for sleep, wake and power-target commands out to be answered before it starts. */
        @WithDefault("1s")
        Duration readYield();

        /**
         * How long before a shed the agent announced ahead readings stop starting, so the CPU is free when its commands
         * go out; they resume once the commands are answered (at most this long after the shed's instant). 0 turns it
         * off.
         */
        @WithDefault("500ms")
        Duration readQuietAhead();

        /** Expected draw of a sleeping miner (control board), in W: a stopped miner removes its draw minus this. */
        @WithDefault("20")
        double sleepW();

        /** Draw assumed for a hashing miner whose firmware reports none and whose entry gives no nominal-w, in W. */
        @WithDefault("3250")
        double nominalW();

        /**
         * A properties file with the miners' API credentials ({@link io.gridflex.siteagent.miner.MinerCredentials}),
         * mounted from a secret; none when every firmware at the site needs no login.
         */
        Optional<Path> credentialsFile();
    }

    interface Shed {

        /** How long stopped miners may take to show their lower draw before SHED is acknowledged anyway. */
        @WithDefault("10s")
        Duration confirmTimeout();

        /**
         * Fine trimming: the least share of its draw a miner is asked to hold by a power target (where its firmware
         * takes one) when the last whole miner of a shed would overshoot. A miner's efficiency falls at low power, so
         * a bigger cut puts a miner to sleep instead. 1 turns trimming off.
         */
        @WithDefault("0.5")
        double powerTargetFloor();
    }

    interface Health {

        /** Readiness needs at least this share of the miners to have answered their latest reading. */
        @WithDefault("0.5")
        double minReachableFraction();
    }

    /** The way to Kafka: acks and telemetry wait in a journal on disk until the broker has them. */
    interface Link {

        /** The journal's directory; by default {@code link-journal} beside the state file. */
        Optional<Path> directory();

        Buffer buffer();

        /** Records sent before waiting for the broker's acknowledgements. */
        @WithDefault("500")
        int batchSize();

        /** Wait before sending again after the broker did not acknowledge; doubled after each further failure. */
        @WithDefault("1s")
        Duration retryBackoff();

        /** Longest wait between attempts while the broker is away. */
        @WithDefault("30s")
        Duration maxRetryBackoff();

        interface Buffer {

            /** Most bytes of unsent records kept; beyond it the oldest are dropped. */
            @WithDefault("256M")
            MemorySize maxBytes();

            /** Oldest unsent record kept; older ones are dropped. */
            @WithDefault("7d")
            Duration maxAge();

            /** Size of one journal file; a sent file is deleted whole, so the disk holds up to one more. */
            @WithDefault("16M")
            MemorySize segmentBytes();
        }
    }

    /**
     * Finding the miners by scanning address ranges (DHCP fleets), adding them to {@link #miners()}, and noticing
     * when one changes firmware, appears or goes away.
     */
    interface Scan {

        /** Whether the agent scans {@link #ranges()}; off, the inventory is {@link #miners()} alone. */
        @WithDefault("false")
        boolean enabled();

        /** IPv4 ranges to scan: CIDR blocks ({@code 10.0.4.0/22}), {@code a.b.c.d-a.b.c.e} ranges or addresses. */
        Optional<List<String>> ranges();

        /** How often the ranges are scanned again (the first scan runs at start-up). */
        @WithDefault("10m")
        Duration interval();

        /** The firmwares to look for, by inventory name ({@code luxos}, {@code braiins}, ...); every one when unset. */
        Optional<List<String>> firmwares();

        /** Addresses probed at once. */
        @WithDefault("256")
        int concurrency();

        /** A firmware's port where it is not the firmware's own, by inventory name ({@code braiins=8080}). */
        Map<String, Integer> ports();

        /** A scanned miner whose readings failed this many times in a row is identified again before the next scan. */
        @WithDefault("3")
        int recheckAfterFailures();

        /** How often failing scanned miners are looked at for {@link #recheckAfterFailures()}. */
        @WithDefault("15s")
        Duration recheckInterval();
    }
}
