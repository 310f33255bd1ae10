package io.gridflex.vtnsim.event;

import java.util.List;

/**
 * A CDI event: the operator created, modified or cancelled an event that concerns these VENs. Push VENs learn of it
 * at once ({@code push} package); pull VENs at their next poll.
 */
public record EventsChanged(List<String> venIds) {

    public EventsChanged {
        venIds = List.copyOf(venIds);
    }
}
