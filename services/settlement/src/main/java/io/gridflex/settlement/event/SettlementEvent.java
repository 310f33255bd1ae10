package io.gridflex.settlement.event;

import java.time.Instant;
import java.util.List;

import io.gridflex.messages.DrEvent;

/**
 * The version of a DR event settlement holds: the one with the highest modification number seen.
 *
 * @param eventId GridFlex event id, {@code <vtnId>/<vtnEventId>}
 * @param vtnId the VTN that issued it
 * @param vtnEventId the VTN's own id
 * @param modificationNumber the VTN's modification number of this version
 * @param marketContext the program the event belongs to
 * @param status the status the VTN last stated
 * @param start event start: the baseline window ends here
 * @param end event end: no delivery is counted after it
 * @param testEvent true when sites were told not to shed
 * @param receivedAt when the gateway accepted this version
 * @param intervals the reduction asked for, in time order
 */
public record SettlementEvent(
        String eventId,
        String vtnId,
        String vtnEventId,
        long modificationNumber,
        String marketContext,
        DrEvent.EventStatus status,
        Instant start,
        Instant end,
        boolean testEvent,
        Instant receivedAt,
        List<RequestedInterval> intervals) {

    public SettlementEvent {
        intervals = List.copyOf(intervals);
    }
}
