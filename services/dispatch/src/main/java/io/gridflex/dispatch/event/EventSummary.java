package io.gridflex.dispatch.event;

import java.math.BigDecimal;
import java.time.Instant;

import io.gridflex.messages.DispatchStatus.State;
import io.gridflex.messages.DrEvent;

/**
 * An event as dispatch last handled it; {@link StoredEvent} without the payload.
 *
 * @param eventId {@code <vtnId>/<vtnEventId>}, or {@code operator/<id>}
 * @param source where it came from
 * @param programId its program
 * @param vtnId the VTN that issued it
 * @param vtnEventId the VTN's own id
 * @param modificationNumber the revision processed last
 * @param vtnStatus the VTN's status in that revision
 * @param signal what its values mean
 * @param testEvent whether the VTN flagged it as a test
 * @param start first interval start
 * @param end last interval end
 * @param state where it stands in dispatch's lifecycle
 * @param outcome what dispatch did with the latest revision
 * @param outcomeDetail why it was refused or fell short
 * @param requestedKw at the interval that asks most, what it asks for
 * @param allocatedKw what the sites were given there
 * @param shortfallKw the largest shortfall of any interval
 * @param firstReceivedAt when dispatch first saw it
 * @param updatedAt when dispatch last changed it
 */
public record EventSummary(
        String eventId,
        EventSource source,
        String programId,
        String vtnId,
        String vtnEventId,
        long modificationNumber,
        DrEvent.EventStatus vtnStatus,
        DrEvent.Signal signal,
        boolean testEvent,
        Instant start,
        Instant end,
        State state,
        EventOutcome outcome,
        String outcomeDetail,
        BigDecimal requestedKw,
        BigDecimal allocatedKw,
        BigDecimal shortfallKw,
        Instant firstReceivedAt,
        Instant updatedAt) {

    static EventSummary of(StoredEvent e) {
        return new EventSummary(e.eventId(), e.source(), e.programId(), e.vtnId(), e.vtnEventId(),
                e.modificationNumber(), e.vtnStatus(), e.signal(), e.testEvent(), e.start(), e.end(), e.state(),
                e.outcome(), e.outcomeDetail(), e.requestedKw(), e.allocatedKw(), e.shortfallKw(),
                e.firstReceivedAt(), e.updatedAt());
    }
}
