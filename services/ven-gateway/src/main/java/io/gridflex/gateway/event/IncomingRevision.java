package io.gridflex.gateway.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of an oadrDistributeEvent, as far as deciding what to do with it needs.
 *
 * @param eventId {@code <vtnID>/<eventID>}
 * @param vtnEventId the VTN's eventID, echoed in the answer
 * @param cancelled the VTN set eventStatus to cancelled
 * @param responseRequired the VTN wants an oadrCreatedEvent answer for it
 * @param receivedAt when the gateway received it
 */
public record IncomingRevision(String eventId, String vtnEventId, long modificationNumber, boolean cancelled,
        boolean responseRequired, Instant receivedAt, Verdict verdict) {

    public IncomingRevision {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(vtnEventId, "vtnEventId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
