package io.gridflex.dispatch.site;

/** What became of one telemetry report. */
public enum TelemetryOutcome {
    /** First report of a site: it is now in the registry. */
    REGISTERED,
    /** The site's flexibility was updated. */
    UPDATED,
    /** Same interval end as the report already held. */
    DUPLICATE,
    /** Ends before the report already held. */
    OUT_OF_ORDER,
    /** Ends implausibly far in the future. */
    FROM_THE_FUTURE,
    /** Ends before it starts. */
    EMPTY_INTERVAL
}
