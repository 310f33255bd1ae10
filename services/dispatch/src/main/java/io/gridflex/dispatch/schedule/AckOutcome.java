package io.gridflex.dispatch.schedule;

/** What became of one schedule ack. */
public enum AckOutcome {
    RECORDED,
    /** This step of this revision and segment was already recorded. */
    DUPLICATE,
    /** No such schedule revision was issued to that site. */
    UNKNOWN_SCHEDULE
}
