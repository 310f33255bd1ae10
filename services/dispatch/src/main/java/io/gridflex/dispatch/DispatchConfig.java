package io.gridflex.dispatch;

import java.time.Duration;

import io.gridflex.support.outbox.RelayConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the dispatch service, under {@code gridflex.dispatch}. */
@ConfigMapping(prefix = "gridflex.dispatch")
public interface DispatchConfig {

    Sites sites();

    /** The outbox relay that publishes commands. */
    RelayConfig relay();

    Events events();

    interface Sites {

        /** A site whose latest telemetry interval ended longer ago than this gets no share of new events. */
        @WithDefault("30s")
        Duration staleAfter();

        /**
         * Telemetry whose interval ends further than this in the future is refused: it would keep the site fresh and
         * shadow every later report.
         */
        @WithDefault("60s")
        Duration maxClockSkew();
    }

    interface Events {

        /** Default and maximum number of events listed by GET /api/events. */
        @WithDefault("50")
        int listDefault();

        @WithDefault("500")
        int listMax();
    }
}
