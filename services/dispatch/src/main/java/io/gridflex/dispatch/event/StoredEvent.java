package io.gridflex.dispatch.event;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.gridflex.messages.DispatchStatus;
import io.gridflex.messages.DrEvent;

/**
 * An event as dispatch holds it: its latest revision and what became of it. The API shows it without the payload.
 *
 * @param eventId {@code <vtnId>/<vtnEventId>}, or {@code operator/<id>} for a manual event
 * @param source where it came from
 * @param programId its program; null for a manual event without one
 * @param vtnId the VTN that issued it
 * @param vtnEventId the VTN's own id
 * @param modificationNumber the revision processed last
 * @param vtnStatus the VTN's status in that revision
 * @param signal what its values mean
 * @param testEvent whether the VTN flagged it as a test
 * @param priority the VTN's priority (0 highest)
 * @param start first interval start
 * @param end last interval end
 * @param state where it stands in dispatch's lifecycle
 * @param outcome what dispatch did with the latest revision
 * @param outcomeDetail why, when it refused it or fell short
 * @param requestedKw at the interval that asks most, what it asks for
 * @param allocatedKw what the sites were given there
 * @param shortfallKw the largest shortfall of any interval
 * @param payload the DrEvent JSON of the latest revision
 * @param firstReceivedAt when dispatch first saw it
 * @param updatedAt when dispatch last changed it
 */
public record StoredEvent(
        String eventId,
        EventSource source,
        String programId,
        String vtnId,
        String vtnEventId,
        long modificationNumber,
        DrEvent.EventStatus vtnStatus,
        DrEvent.Signal signal,
        boolean testEvent,
        int priority,
        Instant start,
        Instant end,
        DispatchStatus.State state,
        EventOutcome outcome,
        String outcomeDetail,
        BigDecimal requestedKw,
        BigDecimal allocatedKw,
        BigDecimal shortfallKw,
        @JsonIgnore String payload,
        Instant firstReceivedAt,
        Instant updatedAt) {
}
