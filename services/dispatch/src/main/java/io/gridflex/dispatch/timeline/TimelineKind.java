package io.gridflex.dispatch.timeline;

/** What an entry of an event's timeline records. */
public enum TimelineKind {
    /** A revision arrived (or a manual event was created). */
    RECEIVED,
    /** The revision was refused: unknown program, foreign VTN, unusable signal. */
    REFUSED,
    /** The event was allocated or re-allocated: what each site was given, and any shortfall. */
    ALLOCATED,
    /** Schedules carrying the allocation were issued to sites. */
    SCHEDULED,
    /** A site acknowledged its schedule or a segment serving the event. */
    ACKNOWLEDGED,
    /** The event moved to another lifecycle state. */
    STATE,
    /** A site fell short of its target while the event was active. */
    SHORTFALL,
    /** What sites reported holding off for the event. */
    DELIVERED
}
