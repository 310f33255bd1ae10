package io.gridflex.messages;

import java.time.Instant;
import java.util.List;

/**
 * What the fleet can do for one event, as dispatch last judged it: published whenever the event is allocated or
 * re-allocated, when it becomes active, completes or is cancelled, and whenever the closed loop finds the fleet can no
 * longer meet the commitment (or can again). ven-gateway uses it to opt out or report honestly.
 *
 * @param eventId the event
 * @param program the program it belongs to
 * @param modificationNumber the event revision the figures are for
 * @param state where the event stands in dispatch's lifecycle
 * @param requestedKw the largest reduction the event asks for in any interval, in kW
 * @param committedKw what the sites are scheduled to deliver at that interval, in kW
 * @param deliveredKw what the sites report holding off for the event right now; null before the event is active
 * @param shortfallKw what the fleet cannot deliver, in kW: the largest gap of any interval, or of the live loop
 * @param canMeet whether the fleet can meet the event in full
 * @param reason for people: why it cannot, when it cannot
 * @param at when dispatch judged it
 * @param resources for an event that names OpenADR resources of its program: each of them, with what its sites hold
 *        for the event; empty when the event names none (absent on the wire from producers that predate it)
 */
public record DispatchStatus(
        String eventId,
        String program,
        long modificationNumber,
        State state,
        double requestedKw,
        double committedKw,
        Double deliveredKw,
        double shortfallKw,
        boolean canMeet,
        String reason,
        Instant at,
        List<ResourceShare> resources) {

    public DispatchStatus {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** A status without per-resource figures: the event names no resource. */
    public DispatchStatus(String eventId, String program, long modificationNumber, State state, double requestedKw,
            double committedKw, Double deliveredKw, double shortfallKw, boolean canMeet, String reason, Instant at) {
        this(eventId, program, modificationNumber, state, requestedKw, committedKw, deliveredKw, shortfallKw, canMeet,
                reason, at, List.of());
    }

    /**
     * One resource the event names and its part in it.
     *
     * @param resourceId the OpenADR resourceID, as the program defines it
     * @param sites how many of the resource's sites hold a part of the event; 0: the resource takes no part (none of
     *        its sites could be given any, or the program does not define the resource)
     * @param committedKw the sum, over those sites, of the largest reduction each holds for the event, in kW
     */
    public record ResourceShare(String resourceId, int sites, double committedKw) {
    }

    /** An event's lifecycle in dispatch. */
    public enum State {
        /** Recorded; not yet allocated (or nothing to allocate). */
        RECEIVED,
        /** Allocated, and every site's schedule committed to the outbox. */
        SCHEDULED,
        /** Every allocated site has acknowledged its schedule. */
        NOTIFIED,
        /** Between start and end. */
        ACTIVE,
        /** Ended. */
        COMPLETED,
        /** Cancelled by the VTN or an operator. */
        CANCELLED
    }
}
