package io.gridflex.dispatch.registry;

/** Where a site stands in the registry. */
public enum SiteStatus {
    /** Dispatched. */
    ACTIVE,
    /** Registered, but takes no share of any event (maintenance, a contract on hold). */
    SUSPENDED,
    /** Gone: no share, no telemetry accepted; kept so history still names it. */
    REMOVED
}
