package io.gridflex.gateway.program;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.gridflex.gateway.signature.SignatureConfig;
import io.gridflex.gateway.tls.TlsConfig;
import io.smallrye.config.WithDefault;

/**
 * One program: one connection to one utility's VTN, under {@code gridflex.gateway.programs.<program id>.*}. The
 * program id is what every DrEvent from that VTN carries, and what dispatch enrols sites in.
 */
public interface ProgramConfig {

    Vtn vtn();

    /** The name this VEN registers under (oadrVenName); the VTN shows it to its operators. */
    String venName();

    /**
     * The venID the VTN allocated to this VEN in advance, presented in its first oadrCreatePartyRegistration; the VTN
     * must register it under exactly this venID, else the registration is refused (and retried). None: the VTN
     * assigns one.
     */
    Optional<String> venId();

    /**
     * The program's market contexts at the VTN (eiMarketContext, compared exactly), comma-separated: an event of any
     * other context is declined (optOut, 200) and never published. The first is named on the VEN's opt schedules.
     * None: every context is accepted and opt schedules name none.
     */
    Optional<List<String>> marketContexts();

    /** Target groups (eiTarget groupID) this VEN belongs to in this program, besides its own venID. */
    Optional<List<String>> acceptedGroups();

    /**
     * How the VTN's messages reach this program (OpenADR 2.0b simpleHTTP): {@code pull}, the VEN polls (oadrPoll);
     * or {@code push}, the VEN registers with oadrHttpPullModel=false and an oadrTransportAddress on the push listener
     * ({@code gridflex.gateway.push.*}) and the VTN POSTs to it. A push program needs {@link #tls()} with
     * {@code trusted-certificates}: the VTN's client certificate must chain to them (and match a pin, when pinned).
     */
    @WithDefault("pull")
    Transport transport();

    enum Transport {
        PULL, PUSH
    }

    /** Used by pull programs only. */
    Poll poll();

    /**
     * TLS towards the VTN: our client certificate, the CAs and pins the VTN's certificate must match, the OpenADR
     * suites. Used for an https URL; without it an https VTN is checked against the JVM's trust store with no client
     * certificate, which a production VTN refuses.
     */
    Optional<TlsConfig> tls();

    /** XML signatures both ways; without this group nothing is signed or verified. */
    Optional<SignatureConfig> signature();

    /**
     * The OpenADR resources whose telemetry this program reports to its VTN, by resourceID: each the sum of the
     * GridFlex sites it names. None: the VEN still registers its metadata reports, without data points.
     */
    Map<String, Resource> resources();

    /**
     * The VTN's own reports this VEN asks for, each under a name of ours ({@code vtn-reports.<name>.*}). Each is
     * requested in the oadrRegisteredReport that answers the VTN's oadrRegisterReport, when the VTN offers it: a
     * periodic one once per registration, a one-shot one each time the VTN registers its metadata. Operators can ask
     * for more, and cancel, through {@code /api/programs/{program}/vtn-reports}.
     */
    Map<String, VtnReport> vtnReports();

    interface VtnReport {

        /** The offered report: its reportSpecifierID, or what it delivers (TELEMETRY_USAGE, HISTORY_USAGE...). */
        String report();

        /** Only these data points (rIDs, comma-separated); none: every one it offers. */
        Optional<List<String>> rIds();

        /** How often the VTN is to sample; 0s: once per report. */
        @WithDefault("0s")
        Duration granularity();

        /** How often the VTN is to send a report; 0s: one report only (one-shot). */
        @WithDefault("0s")
        Duration reportBack();
    }

    /** When the VEN opts out of an event it answered optIn, on dispatch's word that the fleet cannot deliver it. */
    OptOut optOut();

    interface OptOut {

        /**
         * Opt out when what the fleet cannot deliver is at least this fraction of what the event asks: 1 (the
         * default) only when it can deliver nothing; 0.5 when it falls short by half or more; above 1 never.
         */
        @WithDefault("1")
        BigDecimal shortfallFraction();
    }

    interface Resource {

        /** The GridFlex site ids whose telemetry sums into this resource (comma-separated in properties). */
        List<String> sites();
    }

    interface Vtn {

        /**
         * The VTN's address, with or without the simpleHttp path {@code /OpenADR2/Simple/2.0b}: both
         * {@code https://vtn.example.com} and {@code https://vtn.example.com/OpenADR2/Simple/2.0b/} work.
         */
        URI url();

        /** When set, a VTN presenting another vtnID is refused at registration and in every event message. */
        Optional<String> expectedId();

        @WithDefault("5s")
        Duration connectTimeout();

        /** One whole request and reply. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** Larger replies are cut off and refused unread (real OpenADR messages are a few kB). */
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
}
