package io.gridflex.vtnsim.event;

import java.time.Instant;

/**
 * What one VEN has seen of one event and what it answered. Every field is null until the matching step happened.
 *
 * @param distributedModificationNumber the modification last handed to the VEN
 * @param modificationNumber the modification the VEN's last answer refers to
 * @param optType {@code optIn} or {@code optOut}, as the VEN sent it
 * @param responseCode the VEN's three-digit responseCode, as it sent it
 */
public record VenDelivery(String venId, Instant distributedAt, Long distributedModificationNumber,
        Instant respondedAt, String optType, String responseCode, Long modificationNumber) {

    static VenDelivery none(String venId) {
        return new VenDelivery(venId, null, null, null, null, null, null);
    }

    boolean hasReceived(DrEvent event) {
        return distributedModificationNumber != null && distributedModificationNumber == event.modificationNumber();
    }

    boolean hasEverReceived() {
        return distributedModificationNumber != null;
    }

    VenDelivery distributed(DrEvent event, Instant at) {
        return new VenDelivery(venId, at, event.modificationNumber(), respondedAt, optType, responseCode,
                modificationNumber);
    }

    VenDelivery answered(EventAnswer answer, Instant at) {
        return new VenDelivery(venId, distributedAt, distributedModificationNumber, at, answer.optType(),
                answer.responseCode(), answer.modificationNumber());
    }
}
