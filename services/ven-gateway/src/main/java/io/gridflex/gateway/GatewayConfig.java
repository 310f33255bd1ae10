package io.gridflex.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.gridflex.support.outbox.RelayConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything ven-gateway can be told; application.properties documents each key. */
@ConfigMapping(prefix = "gridflex.gateway")
public interface GatewayConfig {

    Vtn vtn();

    /** The name this VEN registers under; the VTN shows it to its operators. */
    String venName();

    /**
     * The GridFlex program the VTN connection serves: every DrEvent from it carries this id, and dispatch only acts on
     * programs registered with it. One value for the one VTN connection; read in one place, DistributionHandler.
     */
    @WithDefault("default")
    String program();

    Poll poll();

    Registration registration();

    Event event();

    /** The outbox relay that publishes DrEvents. */
    RelayConfig relay();

    Api api();

    interface Vtn {

        /** Base URL of the VTN; the simpleHttp services are under {@code /OpenADR2/Simple/2.0b/}. */
        URI url();

        /** When set, a VTN presenting another vtnID is refused at registration and in every event message. */
        Optional<String> expectedId();

        @WithDefault("5s")
        Duration connectTimeout();

        @WithDefault("10s")
        Duration requestTimeout();

        /** Larger replies are cut off and refused unread. */
        @WithDefault("1048576")
        int maxResponseBytes();
    }

    interface Poll {

        /** Overrides the VTN's oadrRequestedOadrPollFreq. */
        Optional<Duration> interval();

        /** Used when the VTN states no poll frequency and no override is set. */
        @WithDefault("10s")
        Duration fallbackInterval();

        /** The gateway never polls faster than this, whatever the VTN asks for. */
        @WithDefault("500ms")
        Duration minimumInterval();
    }

    interface Registration {

        /** First wait before retrying a VTN that could not be reached or refused the registration. */
        @WithDefault("1s")
        Duration retryInitial();

        /** The wait doubles after each failure up to this. */
        @WithDefault("60s")
        Duration retryMax();
    }

    interface Event {

        /** The end given to an open-ended (PT0S) event, and the longest finite event accepted. */
        @WithDefault("4h")
        Duration maxEventDuration();

        /** Events starting further ahead than this are refused as implausible. */
        @WithDefault("30d")
        Duration maxStartAhead();

        /** Target groups (eiTarget groupID) this VEN belongs to besides its own venID. */
        Optional<List<String>> acceptedGroups();
    }

    interface Api {

        @WithDefault("50")
        int eventsDefaultLimit();

        @WithDefault("500")
        int eventsMaxLimit();
    }
}
