package io.gridflex.gateway.opt;

import java.util.List;

/**
 * What the VEN holds of an event when dispatch reports on it.
 *
 * @param optType how the VEN answered the event's current revision: optIn or optOut
 * @param vtnEnded the VTN said the event is completed or cancelled
 * @param resourceIds the OpenADR resources of ours the event names; empty when it names the VEN, groups or nothing
 */
public record EventStanding(String eventId, String program, String vtnEventId, long modificationNumber,
        String optType, boolean vtnEnded, boolean testEvent, List<String> resourceIds) {

    public EventStanding {
        resourceIds = List.copyOf(resourceIds);
    }
}
