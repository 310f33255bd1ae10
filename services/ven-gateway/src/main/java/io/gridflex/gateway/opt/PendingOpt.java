package io.gridflex.gateway.opt;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An opt of the VEN's own, as decided and as its VTN answered it (GET /api/programs/{id}/opts).
 *
 * @param optType optOut (the only kind decided today) or optIn
 * @param optReason the OpenADR optReason sent
 * @param resourceIds the resources opted out; empty: the whole VEN
 * @param requestedKw what the event asks of the fleet, as dispatch reads it
 * @param shortfallKw what dispatch said the fleet cannot deliver
 * @param detail dispatch's words behind the decision
 * @param attempts how often it was sent
 * @param venId the venID it was sent under, once answered
 * @param answeredAt when the VTN answered oadrCreatedOpt; null while it is still to be sent
 * @param responseCode the VTN's answer (200 accepted)
 */
public record PendingOpt(String optId, String program, String eventId, String vtnEventId, long modificationNumber,
        String optType, String optReason, List<String> resourceIds, BigDecimal requestedKw, BigDecimal shortfallKw,
        String detail, Instant decidedAt, int attempts, String venId, Instant answeredAt, Integer responseCode,
        String responseDescription) {

    public PendingOpt {
        resourceIds = List.copyOf(resourceIds);
    }

    /** A new decision, not yet sent. */
    static PendingOpt decided(String optId, EventStanding event, String optReason, BigDecimal requestedKw,
            BigDecimal shortfallKw, String detail, Instant at) {
        return new PendingOpt(optId, event.program(), event.eventId(), event.vtnEventId(),
                event.modificationNumber(), "optOut", optReason, event.resourceIds(), requestedKw, shortfallKw,
                detail, at, 0, null, null, null, null);
    }

    /** The same decision for one resource of those the event names. */
    PendingOpt forResource(String resourceId) {
        return new PendingOpt(optId, program, eventId, vtnEventId, modificationNumber, optType, optReason,
                List.of(resourceId), requestedKw, shortfallKw, detail, decidedAt, attempts, venId, answeredAt,
                responseCode, responseDescription);
    }
}
