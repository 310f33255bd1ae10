package io.gridflex.dispatch.event;

/** What dispatch did with an event's latest revision. */
public enum EventOutcome {
    /** Allocated across sites (possibly with a shortfall). */
    ALLOCATED,
    /** A test event: recorded, nothing shed. */
    TEST,
    /** Cancelled: what it asked of the sites from then on is withdrawn. */
    CANCELLED,
    /** The VTN says it completed: what it still asked of the sites is withdrawn. */
    COMPLETED,
    /** It had ended before it arrived: recorded only. */
    ENDED,
    /** For a program the fleet registry does not hold: refused. */
    UNKNOWN_PROGRAM,
    /** From a VTN, or for a market context, its program does not use: refused. */
    FOREIGN,
    /** A signal value dispatch cannot turn into kW: refused. */
    INVALID_SIGNAL
}
