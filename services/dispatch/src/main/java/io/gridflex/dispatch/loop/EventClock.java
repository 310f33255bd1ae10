package io.gridflex.dispatch.loop;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.event.EventRepository;
import io.gridflex.dispatch.event.EventStates;
import io.gridflex.dispatch.event.Lifecycle;
import io.gridflex.dispatch.event.StoredEvent;
import io.gridflex.messages.DispatchStatus.State;

/** Moves events to ACTIVE at their start and COMPLETED at their end, whatever arrives or not. */
@ApplicationScoped
public class EventClock {

    private final EventRepository events;
    private final EventStates states;

    public EventClock(EventRepository events, EventStates states) {
        this.events = events;
        this.states = states;
    }

    /** @return the events that completed this round */
    public List<StoredEvent> tick(Connection connection, Instant now) throws SQLException {
        List<StoredEvent> completed = new ArrayList<>();
        for (StoredEvent event : events.open(connection)) {
            State next = Lifecycle.byClock(event.state(), event.start(), event.end(), now);
            if (next != event.state() && states.moveTo(connection, event.eventId(), next, now, "by the clock")) {
                states.report(connection, event.eventId(), now);
                if (next == State.COMPLETED) {
                    completed.add(event);
                }
            }
        }
        return completed;
    }
}
