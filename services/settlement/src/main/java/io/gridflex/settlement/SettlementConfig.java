package io.gridflex.settlement;

import java.math.BigDecimal;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the settlement service; each key is described in application.properties. */
@ConfigMapping(prefix = "gridflex.settlement")
public interface SettlementConfig {

    Baseline baseline();

    Episode episode();

    Api api();

    Intake intake();

    interface Intake {

        /** The longest metered interval accepted. */
        @WithDefault("PT15M")
        Duration maxIntervalLength();

        /** How far past settlement's clock an interval may end. */
        @WithDefault("PT5M")
        Duration maxClockSkew();

        /** The largest mean draw of a site accepted, kW. */
        @WithDefault("1000000")
        BigDecimal maxSiteKw();
    }

    interface Baseline {

        /** How long before a shed episode's start the site's draw is averaged into its baseline. */
        Duration window();

        /** Share (0..1] of the baseline window that must be metered for a baseline to be stated. */
        @WithDefault("0.9")
        BigDecimal minimumCoverage();
    }

    interface Episode {

        /**
         * How far before and after an event's contributions settlement looks for the start and end of a site's shed
         * episode; an episode still going at that distance has no baseline settlement can place.
         */
        @WithDefault("P7D")
        Duration maxLength();
    }

    interface Api {

        /** Longest span one interval query may ask for. */
        @WithDefault("P31D")
        Duration maxIntervalRange();

        /** Intervals per page of an interval query when the client does not say. */
        @WithDefault("1000")
        int intervalPageSize();

        /** Most intervals one page may hold, whatever the client asks for. */
        @WithDefault("10000")
        int maxIntervalPageSize();
    }
}
