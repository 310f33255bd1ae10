package io.gridflex.dispatch;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import io.gridflex.support.outbox.RelayConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the dispatch service, under {@code gridflex.dispatch}. */
@ConfigMapping(prefix = "gridflex.dispatch")
public interface DispatchConfig {

    /**
     * This instance's stable name: its consumers' static group membership is derived from it, so a restarted
     * instance takes its partitions back at once. Unique per instance (the pod name in Kubernetes).
     */
    @WithDefault("dispatch-0")
    String instanceId();

    Sites sites();

    Allocation allocation();

    Loop loop();

    /** The outbox relays that publish schedules and status reports. */
    RelayConfig relay();

    Events events();

    interface Sites {

        /** A site whose latest telemetry interval ended longer ago than this takes no share of an allocation. */
        @WithDefault("30s")
        Duration staleAfter();

        /**
         * Telemetry whose interval ends further than this in the future is refused: it would keep the site fresh and
         * shadow every later report.
         */
        @WithDefault("60s")
        Duration maxClockSkew();
    }

    interface Allocation {

        /** How long a site with a ramp rate is given, after an interval starts, to reach its new target. */
        @WithDefault("60s")
        Duration rampGrace();

        /**
         * Revenue of one TH/s of hashing for a day, in the programs' currency, to compute the strike price of sites
         * that have none registered. Without it such sites are dispatched after those with a known strike price, and
         * never on a price signal.
         */
        Optional<BigDecimal> hashPricePerThDay();
    }

    interface Loop {

        /** How often the closed loop compares what active sites deliver with their targets. */
        @WithDefault("2s")
        Duration interval();

        /** A site is given this long after its target rises before a shortfall counts against it. */
        @WithDefault("8s")
        Duration grace();

        /** A site delivering within this share of its target is on target. */
        @WithDefault("0.05")
        double tolerance();

        /** ... or within this many kW, whichever is more. */
        @WithDefault("0.5")
        double toleranceKw();

        /** A site whose telemetry is older than this is taken to deliver nothing. */
        @WithDefault("10s")
        Duration silentAfter();

        /** An event still short is re-allocated this often, in case sites gained headroom. */
        @WithDefault("30s")
        Duration retryShortfallEvery();
    }

    interface Events {

        /** Default and maximum number of events listed by GET /api/events. */
        @WithDefault("50")
        int listDefault();

        @WithDefault("500")
        int listMax();
    }
}
