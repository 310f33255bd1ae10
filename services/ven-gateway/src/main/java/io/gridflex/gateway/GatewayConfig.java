package io.gridflex.gateway;

import java.time.Duration;
import java.util.Map;

import io.gridflex.gateway.program.ProgramConfig;
import io.gridflex.support.outbox.RelayConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything ven-gateway can be told; application.properties documents each key. */
@ConfigMapping(prefix = "gridflex.gateway")
public interface GatewayConfig {

    /**
     * The programs this gateway serves, by program id: each its own VTN connection, registration and poll loop. At
     * least one; the gateway refuses to start without.
     */
    Map<String, ProgramConfig> programs();

    Registration registration();

    Event event();

    /** The outbox relay that publishes DrEvents. */
    RelayConfig relay();

    Api api();

    interface Registration {

        /** First wait before retrying a VTN that could not be reached or refused the registration. */
        @WithDefault("1s")
        Duration retryInitial();

        /** The wait doubles after each failure up to this. */
        @WithDefault("60s")
        Duration retryMax();
    }

    interface Event {

        /** The longest finite event accepted: a day-ahead price event of 24 hourly intervals fits. */
        @WithDefault("48h")
        Duration maxEventDuration();

        /** How long an open-ended (PT0S) event is taken to last: its last interval runs until start + this. */
        @WithDefault("4h")
        Duration openEndedDuration();

        /** Events starting further ahead than this are refused as implausible. */
        @WithDefault("30d")
        Duration maxStartAhead();
    }

    interface Api {

        @WithDefault("50")
        int eventsDefaultLimit();

        @WithDefault("500")
        int eventsMaxLimit();
    }
}
