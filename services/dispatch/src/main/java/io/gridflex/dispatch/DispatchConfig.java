package io.gridflex.dispatch;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the dispatch service, under {@code gridflex.dispatch}. */
@ConfigMapping(prefix = "gridflex.dispatch")
public interface DispatchConfig {

    Sites sites();

    Relay relay();

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

    interface Relay {

        /** How often the relay looks for unpublished commands when nothing wakes it sooner. */
        @WithDefault("1s")
        Duration interval();

        /** Commands published per round trip to the database. */
        @WithDefault("100")
        int batchSize();

        /** How long to wait for Kafka to acknowledge one batch before leaving it for the next round. */
        @WithDefault("30s")
        Duration publishTimeout();
    }

    interface Events {

        /** Default and maximum number of events listed by GET /api/events. */
        @WithDefault("50")
        int listDefault();

        @WithDefault("500")
        int listMax();
    }
}
