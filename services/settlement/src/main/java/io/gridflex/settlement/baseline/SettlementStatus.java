package io.gridflex.settlement.baseline;

/** How far a site's settlement figures can be trusted for payment. */
public enum SettlementStatus {

    /** The baseline windows and the delivery windows are all metered to at least the minimum coverage. */
    COMPLETE,

    /**
     * The baselines are sound but the delivery windows are metered below the minimum coverage (the event is still
     * running or telemetry is missing): the figures cover only the metered part.
     */
    PARTIAL,

    /**
     * A baseline window is metered below the minimum coverage, or the shed episode began too long ago to place one:
     * no delivered energy is stated.
     */
    INSUFFICIENT_DATA,

    /**
     * The site's schedule held a contribution of the event that never came into force (a later revision removed it
     * before it began): it had nothing to deliver.
     */
    NO_DELIVERY_WINDOW
}
