package io.gridflex.dispatch.event;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.status.StatusReporter;
import io.gridflex.dispatch.timeline.Timeline;
import io.gridflex.dispatch.timeline.TimelineKind;
import io.gridflex.messages.DispatchStatus.State;

/** Moves events through their lifecycle: each move is stored, put on the timeline and reported to ven-gateway. */
@ApplicationScoped
public class EventStates {

    private final EventRepository events;
    private final Timeline timeline;
    private final StatusReporter status;

    public EventStates(EventRepository events, Timeline timeline, StatusReporter status) {
        this.events = events;
        this.timeline = timeline;
        this.status = status;
    }

    /** @return whether the event moved */
    public boolean moveTo(Connection connection, String eventId, State state, Instant now, String why)
            throws SQLException {
        if (!events.saveState(connection, eventId, state, now)) {
            return false;
        }
        timeline.append(connection, eventId, now, TimelineKind.STATE, null, state + (why == null ? "" : ": " + why),
                null);
        return true;
    }

    /** Reports the event as it now stands. */
    public void report(Connection connection, String eventId, Instant now) throws SQLException {
        StoredEvent event = events.find(connection, eventId).orElseThrow();
        status.report(connection, event, null, null, null, now);
    }
}
