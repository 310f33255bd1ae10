package io.gridflex.dispatch.allocation;

import java.time.Instant;
import java.util.List;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrInterval;

/**
 * An event as the allocator needs it.
 *
 * @param eventId the event
 * @param signal what the interval values mean
 * @param currency the currency of a price signal, else null
 * @param intervals the signal's values
 * @param startAfterSeconds start randomization: each site starts up to this many seconds late
 */
public record EventRequest(String eventId, DrEvent.Signal signal, String currency, List<DrInterval> intervals,
        long startAfterSeconds) {

    public EventRequest {
        intervals = List.copyOf(intervals);
    }

    public static EventRequest of(DrEvent event) {
        return new EventRequest(event.eventId(), event.signal(), event.currency(), event.intervals(),
                event.startAfterSeconds());
    }

    public Instant start() {
        return intervals.getFirst().start();
    }

    public Instant end() {
        return intervals.getLast().end();
    }
}
