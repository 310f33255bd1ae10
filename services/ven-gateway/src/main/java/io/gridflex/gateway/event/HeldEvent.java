package io.gridflex.gateway.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.gridflex.messages.DrEvent;

/**
 * An event the gateway holds for a VTN and has not seen cancelled, as far as deciding an implicit cancellation needs.
 *
 * @param modificationNumber the VTN's modification number of the revision held
 * @param end when the event ends, null when the revision held could not be read that far
 * @param lastPublished the last DrEvent published for it, if any
 * @param implicitCancellations how often the gateway already cancelled it implicitly; added to the VTN's
 *        modification number in every DrEvent published for it
 */
public record HeldEvent(String eventId, String vtnEventId, long modificationNumber, Instant end,
        Optional<DrEvent> lastPublished, int implicitCancellations) {

    public HeldEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(vtnEventId, "vtnEventId");
        Objects.requireNonNull(lastPublished, "lastPublished");
    }
}
