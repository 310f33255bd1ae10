package io.gridflex.dispatch.event;

/** What dispatch did with the latest revision of an event. */
public enum EventOutcome {
    /** The reduction was split across fresh sites and SHED commands issued. */
    ALLOCATED,
    /**
     * A test event: recorded and shown, but no site is asked to shed. Sites still shedding for an earlier real revision
     * are cancelled.
     */
    TEST,
    /** The VTN cancelled the event: every site still shedding for it gets a CANCEL. */
    CANCELLED,
    /** The VTN declared the event over before its end: treated like a cancel. */
    COMPLETED,
    /** The event's end had passed on arrival: recorded, nothing issued, since commands expire at the end anyway. */
    ENDED
}
