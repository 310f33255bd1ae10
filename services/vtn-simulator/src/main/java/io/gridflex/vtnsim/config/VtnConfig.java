package io.gridflex.vtnsim.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What this VTN tells its VENs about itself and how it times events. */
@ConfigMapping(prefix = "gridflex.vtn")
public interface VtnConfig {

    /** The vtnID in every registration and distribution. */
    @WithDefault("gridflex-vtn-sim")
    String id();

    /** The oadrRequestedOadrPollFreq handed to VENs; OpenADR carries whole seconds only. */
    @WithDefault("PT10S")
    Duration pollInterval();

    /** The DR program URI put in every event's eiMarketContext. */
    @WithDefault("oadr://gridflex.io/programs/load-dispatch")
    String marketContext();

    /** How long before its start an event is reported as {@code near} rather than {@code far}. */
    @WithDefault("PT15M")
    Duration nearWindow();
}
