package io.gridflex.vtnsim.event;

import java.time.Instant;

/**
 * What one VEN has seen of one event and what it answered. Every field is null until the matching step happened.
 *
 * @param distributedModificationNumber the modification last handed to the VEN
 * @param modificationNumber the modification the VEN's last answer refers to
 * @param optType {@code optIn} or {@code optOut}, as the VEN sent it
 * @param responseCode the VEN's three-digit responseCode, as it sent it
 * @param withdrawalToldAt when the VEN got the first distribution that left the withdrawn event out
 * @param distributedModifiedAt the event's modifiedAt in what was last handed to the VEN: content changed under the
 *        same modificationNumber (admin API) is handed over again
 */
public record VenDelivery(String venId, Instant distributedAt, Long distributedModificationNumber,
        Instant respondedAt, String optType, String responseCode, Long modificationNumber, Instant withdrawalToldAt,
        Instant distributedModifiedAt) {

    static VenDelivery none(String venId) {
        return new VenDelivery(venId, null, null, null, null, null, null, null, null);
    }

    /** The event was withdrawn after this VEN received it, and no distribution has left it out yet. */
    boolean owesWithdrawal(DrEvent event) {
        return event.withdrawn() && hasEverReceived() && withdrawalToldAt == null;
    }

    VenDelivery toldWithdrawal(Instant at) {
        return new VenDelivery(venId, distributedAt, distributedModificationNumber, respondedAt, optType,
                responseCode, modificationNumber, at, distributedModifiedAt);
    }

    boolean hasReceived(DrEvent event) {
        return distributedModificationNumber != null && distributedModificationNumber == event.modificationNumber()
                && java.util.Objects.equals(distributedModifiedAt, event.modifiedAt());
    }

    boolean hasEverReceived() {
        return distributedModificationNumber != null;
    }

    VenDelivery distributed(DrEvent event, Instant at) {
        return new VenDelivery(venId, at, event.modificationNumber(), respondedAt, optType, responseCode,
                modificationNumber, withdrawalToldAt, event.modifiedAt());
    }

    VenDelivery answered(EventAnswer answer, Instant at) {
        return new VenDelivery(venId, distributedAt, distributedModificationNumber, at, answer.optType(),
                answer.responseCode(), answer.modificationNumber(), withdrawalToldAt, distributedModifiedAt);
    }
}
