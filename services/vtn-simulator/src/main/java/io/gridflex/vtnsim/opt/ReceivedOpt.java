package io.gridflex.vtnsim.opt;

import java.time.Instant;
import java.util.List;

/**
 * An oadrCreateOpt a VEN sent, as this VTN took it (GET /admin/opts).
 *
 * @param optType optIn or optOut
 * @param eventId the event it is about; null for an opt schedule (vavailability)
 * @param modificationNumber the event revision it is about; null for an opt schedule
 * @param resourceIds the resources of its eiTarget
 * @param venIds the venIDs of its eiTarget
 * @param periods an opt schedule's periods (vavailability), each as {@code <dtstart>/<duration>}; PT0S: open-ended
 * @param cancelled whether the VEN withdrew it since (oadrCancelOpt)
 */
public record ReceivedOpt(String optId, String venId, String optType, String optReason, String eventId,
        Long modificationNumber, List<String> resourceIds, List<String> venIds, List<String> periods,
        Instant receivedAt,
        boolean cancelled) {

    public ReceivedOpt {
        resourceIds = List.copyOf(resourceIds);
        venIds = List.copyOf(venIds);
        periods = List.copyOf(periods);
    }

    ReceivedOpt withdrawn() {
        return new ReceivedOpt(optId, venId, optType, optReason, eventId, modificationNumber, resourceIds, venIds,
                periods, receivedAt, true);
    }
}
