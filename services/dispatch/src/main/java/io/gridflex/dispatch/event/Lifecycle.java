package io.gridflex.dispatch.event;

import java.time.Instant;

import io.gridflex.messages.DispatchStatus.State;

/**
 * An event's lifecycle: received, scheduled (allocation and schedules committed), notified (every site asked has
 * accepted its schedule), active (between start and end), then completed or cancelled. Pure.
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    /** The state after an allocation of the latest revision. */
    static State afterAllocation(EventOutcome outcome, Instant start, Instant end, Instant now) {
        return switch (outcome) {
            case CANCELLED -> State.CANCELLED;
            case COMPLETED, ENDED -> State.COMPLETED;
            case UNKNOWN_PROGRAM, FOREIGN, INVALID_SIGNAL -> byClock(State.RECEIVED, start, end, now);
            case ALLOCATED, TEST -> byClock(State.SCHEDULED, start, end, now);
        };
    }

    /** The state the clock moves an event to, or its own state when the clock changes nothing. */
    public static State byClock(State state, Instant start, Instant end, Instant now) {
        if (state == State.CANCELLED || state == State.COMPLETED) {
            return state;
        }
        if (!end.isAfter(now)) {
            return State.COMPLETED;
        }
        if (!start.isAfter(now)) {
            return State.ACTIVE;
        }
        return state;
    }
}
