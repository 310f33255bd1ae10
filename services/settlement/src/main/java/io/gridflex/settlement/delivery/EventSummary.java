package io.gridflex.settlement.delivery;

import java.time.Instant;

import io.gridflex.messages.DrEvent;
import io.gridflex.settlement.event.SettlementEvent;

/** One line of the event list: the event and what it delivered in total. */
public record EventSummary(
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
        boolean testEvent,
        EventTotals totals) {

    static EventSummary of(SettlementEvent event, EventTotals totals) {
        return new EventSummary(event.eventId(), event.vtnId(), event.vtnEventId(), event.modificationNumber(),
                event.program(), event.marketContext(), event.status(), event.start(), event.end(), event.signal(),
                event.testEvent(), totals);
    }
}
