package io.gridflex.settlement.baseline;

/** How far a site's settlement figures can be trusted for payment. */
public enum SettlementStatus {

    /** Baseline window and delivery window are both metered to at least the minimum coverage. */
    COMPLETE,

    /**
     * The baseline is sound but the delivery window is metered below the minimum coverage (the event is still running
     * or telemetry is missing): the figures cover only the metered part.
     */
    PARTIAL,

    /** The baseline window is metered below the minimum coverage: no baseline and no delivered energy are stated. */
    INSUFFICIENT_DATA,

    /** The site's participation was cancelled before it began: it had nothing to deliver. */
    NO_DELIVERY_WINDOW
}
