package io.gridflex.messages;

import java.time.Instant;
import java.util.List;

/**
 * A demand-response event as GridFlex understands it, whatever VTN it came from: a load reduction in kW for each
 * interval. A VTN that modifies an event sends the same {@code eventId} with a higher {@code modificationNumber};
 * consumers keep the highest one they have seen and ignore older ones.
 *
 * @param eventId stable GridFlex id of the event: {@code <vtnId>/<vtnEventId>}
 * @param vtnId the VTN that issued it
 * @param vtnEventId the VTN's own {@code eventID}
 * @param modificationNumber the VTN's modification number; higher wins
 * @param marketContext the program the event belongs to
 * @param status the event's status as the VTN last stated it
 * @param start when the first interval starts
 * @param end when the last interval ends
 * @param intervals the requested reduction, interval by interval, in time order and without gaps
 * @param priority the VTN's priority (0 is highest)
 * @param testEvent true when the VTN flagged the event as a test: sites are told but do not shed
 * @param receivedAt when ven-gateway accepted the event
 */
public record DrEvent(
        String eventId,
        String vtnId,
        String vtnEventId,
        long modificationNumber,
        String marketContext,
        EventStatus status,
        Instant start,
        Instant end,
        List<DrInterval> intervals,
        int priority,
        boolean testEvent,
        Instant receivedAt) {

    public DrEvent {
        intervals = List.copyOf(intervals);
    }

    /** Status of an event, with the values OpenADR 2.0b uses for {@code eventStatus}. */
    public enum EventStatus {
        NONE, FAR, NEAR, ACTIVE, COMPLETED, CANCELLED
    }

    /** The largest reduction asked for in any interval. */
    public double peakReductionKw() {
        return intervals.stream().mapToDouble(DrInterval::reductionKw).max().orElse(0);
    }
}
