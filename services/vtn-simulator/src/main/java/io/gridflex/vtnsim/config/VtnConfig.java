package io.gridflex.vtnsim.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

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

    /** How long pushing one message to a push VEN may take, connecting and answering together. */
    @WithDefault("PT10S")
    Duration pushTimeout();

    /**
     * XML signatures: with this group, every reply is signed and every request must carry a valid signature of a
     * trusted VEN certificate with a fresh ReplayProtect, else it is answered 463.
     */
    Optional<Signature> signature();

    interface Signature {

        /** This VTN's private key (PEM). */
        Path key();

        /** Its certificate chain (PEM), signer first. */
        Path certificate();

        /** VEN certificates (PEM files) whose signatures are accepted. */
        Optional<List<Path>> trustedCertificates();

        /** Fingerprints of accepted VEN certificates: full SHA-256 or its last 10 bytes, colons optional. */
        Optional<List<String>> trustedFingerprints();

        /** How far a ReplayProtect timestamp may be from this VTN's clock. */
        @WithName("replay-window")
        Optional<Duration> configuredReplayWindow();

        /** {@link #configuredReplayWindow()}, else 5 minutes. */
        default Duration replayWindow() {
            return configuredReplayWindow().orElse(Duration.ofMinutes(5));
        }
    }
}
