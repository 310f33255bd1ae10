package io.gridflex.gateway.opt;

import java.time.Instant;

/**
 * An opt schedule of the VEN's own for one resource (GET /api/programs/{id}/availability).
 *
 * @param state OPEN (the resource is unavailable), CLOSING (available again, the opt still to be withdrawn), CLOSED
 * @param unavailableSince when the resource last could take part: the start of the opted-out period
 * @param createCode the VTN's answer to oadrCreateOpt; null while not yet sent
 * @param cancelCode the VTN's answer to oadrCancelOpt; null while not (or never to be) sent
 */
public record AvailabilityOpt(String optId, String program, String resourceId, String optReason,
        Instant unavailableSince, String detail, String state, Instant decidedAt, Instant availableAgainAt,
        int attempts, String venId, Instant createdAt, Integer createCode, String createDescription,
        Instant cancelledAt, Integer cancelCode, String cancelDescription) {

    boolean created() {
        return createCode != null;
    }

    boolean acceptedByVtn() {
        return createCode != null && createCode == 200;
    }
}
