package io.gridflex.gateway.event;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.gridflex.messages.DrEvent;

/**
 * OpenADR 2.0b implicit cancellation: an oadrDistributeEvent carries every event in effect for the VEN, so an event
 * we hold that it leaves out has been cancelled by the VTN, even though the VTN never said so.
 *
 * <p>
 * The VTN gives no new modification number for that. The DrEvent published for it carries the last one published
 * plus one: dispatch ignores an equal number as a duplicate, and settlement keeps the highest. The gateway keeps the
 * VTN's own number for the event and counts its implicit cancellations; every later DrEvent for the event carries
 * the VTN's number plus that count. So when the VTN later sends the event again: with the modification number we
 * hold, it is a duplicate (the event stays cancelled: the VTN must modify it to reinstate it); with a higher one, it
 * is a new revision, published above the synthetic cancellation.
 */
public final class ImplicitCancellation {

    private ImplicitCancellation() {
    }

    /**
     * @param held the events held for the VTN, neither cancelled nor completed by the VTN
     * @param present the eventIds ({@code <vtnID>/<eventID>}) the oadrDistributeEvent carries
     * @param now when the message was received; an event that ended by then completed and is left alone
     * @return the held events the message cancels implicitly, in the order held
     */
    public static List<HeldEvent> absent(Collection<HeldEvent> held, Set<String> present, Instant now) {
        return held.stream()
                .filter(event -> !present.contains(event.eventId()))
                .filter(event -> !ended(event, now))
                .toList();
    }

    /**
     * The CANCELLED DrEvent to publish for an implicitly cancelled event: the last one published with the next
     * modification number. Empty when nothing was ever published for it or what was is already a cancellation
     * (dispatch is executing nothing of it).
     */
    public static Optional<DrEvent> cancellation(HeldEvent event, Instant receivedAt) {
        return event.lastPublished()
                .filter(last -> last.status() != DrEvent.EventStatus.CANCELLED)
                .map(last -> DrEventRevision.of(last,
                        publishedModification(event.modificationNumber(), event.implicitCancellations() + 1),
                        DrEvent.EventStatus.CANCELLED, receivedAt));
    }

    /** The modificationNumber a DrEvent carries for a VTN revision of an event cancelled implicitly this often. */
    public static long publishedModification(long vtnModificationNumber, int implicitCancellations) {
        return vtnModificationNumber + implicitCancellations;
    }

    private static boolean ended(HeldEvent event, Instant now) {
        Instant end = event.end() != null
                ? event.end()
                : event.lastPublished().map(DrEvent::end).orElse(null);
        return end != null && !end.isAfter(now);
    }
}
