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
 * @param program the GridFlex program it came through; null only for events stored before programs were carried
 * @param marketContext the VTN's market context
 * @param status the status the VTN last stated
 * @param start when the first interval starts
 * @param end when the last interval ends
 * @param signal what the interval values mean
 * @param currency ISO 4217 code of a price signal; null for other signals
 * @param targets the resources and groups the event addresses; both empty means the whole program
 * @param startAfterSeconds the VTN's start randomization, in seconds (0: none)
 * @param priority the VTN's priority (0 is highest)
 * @param testEvent true when the VTN flagged it as a test: recorded, nothing shed
 * @param receivedAt when the gateway accepted this version
 * @param intervals the signal, interval by interval, in time order
 */
public record SettlementEvent(
        String eventId,
        String vtnId,
        String vtnEventId,
        long modificationNumber,
        String program,
        String marketContext,
        DrEvent.EventStatus status,
        Instant start,
        Instant end,
        DrEvent.Signal signal,
        String currency,
        DrEvent.Targets targets,
        long startAfterSeconds,
        int priority,
        boolean testEvent,
        Instant receivedAt,
        List<SignalInterval> intervals) {

    public SettlementEvent {
        intervals = List.copyOf(intervals);
    }

    SettlementEvent withIntervals(List<SignalInterval> signal) {
        return new SettlementEvent(eventId, vtnId, vtnEventId, modificationNumber, program, marketContext, status,
                start, end, this.signal, currency, targets, startAfterSeconds, priority, testEvent, receivedAt, signal);
    }
}
