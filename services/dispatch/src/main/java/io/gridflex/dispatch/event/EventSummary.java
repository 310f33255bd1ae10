package io.gridflex.dispatch.event;

import java.math.BigDecimal;
import java.time.Instant;

import io.gridflex.messages.DrEvent.EventStatus;

/**
 * An event as dispatch last handled it, with the totals of its latest allocation.
 *
 * @param eventId {@code <vtnId>/<vtnEventId>}
 * @param vtnId the VTN that issued it
 * @param vtnEventId the VTN's own id
 * @param modificationNumber the revision processed last
 * @param status the VTN's status in that revision
 * @param testEvent whether the VTN flagged it as a test
 * @param start first interval start
 * @param end last interval end
 * @param outcome what dispatch did with the revision
 * @param requestedKw the event's peak reduction, in kW
 * @param allocatedKw what fresh sites were asked to shed, in kW
 * @param shortfallKw what no site could take, in kW
 * @param firstReceivedAt when dispatch first saw the event
 * @param updatedAt when dispatch processed the latest revision
 */
public record EventSummary(
        String eventId,
        String vtnId,
        String vtnEventId,
        long modificationNumber,
        EventStatus status,
        boolean testEvent,
        Instant start,
        Instant end,
        EventOutcome outcome,
        BigDecimal requestedKw,
        BigDecimal allocatedKw,
        BigDecimal shortfallKw,
        Instant firstReceivedAt,
        Instant updatedAt) {
}
