package io.gridflex.siteagent.meter;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The site meter: a Modbus TCP device whose register map is configuration, since every meter model differs. */
@ConfigMapping(prefix = "gridflex.site.meter")
public interface MeterConfig {

    /** Whether the agent reads a site meter at all. */
    @WithDefault("false")
    boolean enabled();

    /** The meter's address; required when enabled. */
    Optional<String> host();

    @WithDefault("502")
    int port();

    /** The Modbus unit (slave) id the meter answers to. */
    @WithDefault("1")
    int unitId();

    /** Connect and response timeout of one request. */
    @WithDefault("2s")
    Duration timeout();

    /** How often the meter is read: at least once a second for the site to follow a data centre's spikes. */
    @WithDefault("1s")
    Duration pollInterval();

    /** The site's total draw, kW. */
    Optional<Register> siteKw();

    /** The miners' draw, kW. */
    Optional<Register> miningKw();

    /** The data centre's (non-mining) draw, kW. */
    Optional<Register> dataCentreKw();

    /** The cumulative imported energy, kWh; required when enabled. */
    Optional<Register> energyKwh();

    /**
     * Where one figure is and how to decode it. No defaults here: a group with defaults would exist even when
     * nothing of it is configured; {@link RegisterSpec#of} applies them.
     */
    interface Register {

        /** The first register's address (zero-based, as on the wire). */
        int address();

        /** Holding (default) or input registers. */
        Optional<RegisterType> type();

        /** The encoding; float32 by default. */
        Optional<DataType> dataType();

        /** The order of a 32-bit value's words; big-endian (high word first) by default. */
        Optional<WordOrder> wordOrder();

        /** Multiplies the decoded value (1 by default): 0.001 turns a meter's W into kW. */
        OptionalDouble scale();
    }
}
