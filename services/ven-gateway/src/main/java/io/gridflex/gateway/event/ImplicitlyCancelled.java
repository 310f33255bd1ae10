package io.gridflex.gateway.event;

import java.util.Objects;
import java.util.Optional;

import io.gridflex.messages.DrEvent;

/**
 * An event an oadrDistributeEvent cancelled by leaving it out.
 *
 * @param modificationNumber the VTN's modification number of the revision held, kept as it was
 * @param published the CANCELLED DrEvent queued for it, empty when nothing of it had been published
 */
public record ImplicitlyCancelled(String eventId, long modificationNumber, Optional<DrEvent> published) {

    public ImplicitlyCancelled {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(published, "published");
    }
}
