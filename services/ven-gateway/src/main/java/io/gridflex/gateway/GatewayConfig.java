package io.gridflex.gateway;

import java.time.Duration;
import java.util.Map;

import io.gridflex.gateway.program.ProgramConfig;
import io.gridflex.gateway.push.PushConfig;
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

    /**
     * This instance's name, unique among the gateway's instances (the pod's host name): every instance reads every
     * site's telemetry, in a consumer group of its own named after it.
     */
    String instanceId();

    Registration registration();

    Event event();

    Reports reports();

    Telemetry telemetry();

    Opts opts();

    /** The outbox relay that publishes DrEvents. */
    RelayConfig relay();

    Api api();

    /** The HTTPS listener the VTNs of push programs call; see {@link PushConfig}. */
    PushConfig push();

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

        /**
         * How long an oadrCreatedEvent waits for the relay to be done with the DrEvents of the distribution it answers,
         * so that the answer (which the VTN can wait a moment for) does not compete with their way to Kafka. It goes
         * after this at the latest, also while Kafka is away: the events are stored either way.
         */
        @WithDefault("200ms")
        Duration answerWait();
    }

    /** The VEN's own reports (EiReport) to every program's VTN. */
    interface Reports {

        /** The finest sampling offered to VTNs (oadrMinPeriod): requests for a finer granularity are refused 454. */
        @WithDefault("10s")
        Duration minSamplingPeriod();

        /** The coarsest sampling offered (oadrMaxPeriod). */
        @WithDefault("1h")
        Duration maxSamplingPeriod();

        /** A request whose report would carry more intervals than this (reportBackDuration / granularity) is 454. */
        @WithDefault("1000")
        int maxIntervalsPerReport();

        /** A one-shot or last report the VTN could not be reached for is tried again after this, three times. */
        @WithDefault("10s")
        Duration retryInterval();

        /** The sites' past energy, kept for HISTORY_USAGE reports. */
        History history();

        /** How long the readings of the VTN's own reports are kept, by interval start; pruned hourly. */
        @WithDefault("40d")
        Duration vtnReadingsRetention();

        interface History {

            /**
             * The time buckets the sites' energy is summed into: the finest granularity a HISTORY_USAGE report offers
             * (its oadrMinPeriod). A divisor of an hour.
             */
            @WithDefault("5m")
            Duration bucket();

            /** How long the buckets are kept; a report asks for nothing older. */
            @WithDefault("40d")
            Duration retention();

            /** How often the telemetry read since the last write is written (one transaction). */
            @WithDefault("1s")
            Duration writeInterval();

            /**
             * The most telemetry intervals held in memory while PostgreSQL cannot be written; beyond it the oldest
             * are dropped (and counted in {@code gridflex_gateway_history_dropped_total}).
             */
            @WithDefault("200000")
            int maxBacklog();
        }
    }

    /** The VEN's own opts (EiOpt) to every program's VTN. */
    interface Opts {

        /** Opts a VTN could not be reached for (or a program not yet registered) are sent again this often. */
        @WithDefault("10s")
        Duration retryInterval();

        /** How often every program's resources are checked for availability (opt schedules). */
        @WithDefault("15s")
        Duration availabilityCheckInterval();

        /**
         * A resource none of whose sites has reported, or had load to shed, for this long is opted out (an
         * oadrCreateOpt schedule from then on) until it can take part again.
         */
        @WithDefault("5m")
        Duration unavailableAfter();
    }

    /** Site telemetry, read from every site's telemetry topic for the sites the programs name. */
    interface Telemetry {

        /** A site whose latest telemetry interval ended longer ago than this counts as offline (not as 0 kW). */
        @WithDefault("60s")
        Duration freshness();
    }

    interface Api {

        @WithDefault("50")
        int eventsDefaultLimit();

        @WithDefault("500")
        int eventsMaxLimit();
    }
}
