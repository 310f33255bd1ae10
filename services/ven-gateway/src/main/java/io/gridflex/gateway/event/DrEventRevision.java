package io.gridflex.gateway.event;

import java.time.Instant;

import io.gridflex.messages.DrEvent;

/**
 * A DrEvent re-stated by the gateway: the same content with another modification number, status or receive time, as
 * a cancellation, a withdrawal or a renumbering needs. Everything else (program, signal, values, targets) is the VTN's
 * and stays as it was published.
 */
final class DrEventRevision {

    private DrEventRevision() {
    }

    static DrEvent of(DrEvent e, long modificationNumber, DrEvent.EventStatus status, Instant receivedAt) {
        return new DrEvent(e.eventId(), e.vtnId(), e.vtnEventId(), modificationNumber, e.program(), e.marketContext(),
                status, e.start(), e.end(), e.signal(), e.currency(), e.intervals(), e.targets(),
                e.startAfterSeconds(), e.priority(), e.testEvent(), receivedAt);
    }
}
