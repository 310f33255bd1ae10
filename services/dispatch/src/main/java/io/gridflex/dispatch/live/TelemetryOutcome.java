package io.gridflex.dispatch.live;

/** What became of one telemetry report. */
public enum TelemetryOutcome {
    /** The site's live state moved forward. */
    STORED,
    /** Same interval end as the report already held. */
    DUPLICATE,
    /** Ends before the report already held. */
    OUT_OF_ORDER,
    /** Not a site of the registry (or a removed one): refused, it changes nothing. */
    UNKNOWN_SITE,
    /** Ends implausibly far in the future. */
    FROM_THE_FUTURE,
    /** Ends before it starts. */
    EMPTY_INTERVAL
}
