package io.gridflex.vtnsim.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;

/**
 * One demand-response event as this VTN holds it: a load reduction (or a SIMPLE level) for a period, for a set of
 * VENs. Immutable; a
 * modification or cancellation is a new value with the next modificationNumber, as OpenADR requires.
 *
 * @param venIds the VENs targeted, fixed when the event is created
 * @param resourceIds resourceIDs named in the eiTarget beside each VEN's venID, fixed when the event is created
 * @param level for a SIMPLE event its level, 1 to 3 (reductionKw is then 0); 0 for a LOAD_DISPATCH event
 * @param withdrawnAt when the operator withdrew the event (an implied cancellation: it is left out of every
 *        distribution from then on, with its modificationNumber unchanged), or null
 */
public record DrEvent(String eventId, long modificationNumber, Instant createdAt, Instant modifiedAt, Instant start,
        Duration duration, double reductionKw, List<String> venIds, boolean testEvent, boolean cancelled,
        String marketContext, List<String> resourceIds, Duration startAfter, Instant withdrawnAt, int level) {

    public DrEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        venIds = List.copyOf(venIds);
        resourceIds = List.copyOf(resourceIds);
        startAfter = startAfter == null ? Duration.ZERO : startAfter;
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("an event lasts a positive time, got " + duration);
        }
        if (level < 0 || level > 3) {
            throw new IllegalArgumentException("a SIMPLE level is 1 to 3 (0: a LOAD_DISPATCH event), got " + level);
        }
        if (level > 0 && reductionKw != 0) {
            throw new IllegalArgumentException("a SIMPLE event has a level, not a reduction, got " + reductionKw);
        }
        if (level == 0 && (!(reductionKw > 0) || Double.isInfinite(reductionKw))) {
            throw new IllegalArgumentException("an event reduces load by a positive finite amount, got " + reductionKw);
        }
    }

    public static DrEvent create(String eventId, Instant now, Instant start, Duration duration, double reductionKw,
            List<String> venIds, boolean testEvent) {
        return create(eventId, now, start, duration, reductionKw, venIds, testEvent, null);
    }

    /** @param marketContext its eiMarketContext; null for the VTN's configured one */
    public static DrEvent create(String eventId, Instant now, Instant start, Duration duration, double reductionKw,
            List<String> venIds, boolean testEvent, String marketContext) {
        return create(eventId, now, start, duration, reductionKw, venIds, testEvent, marketContext, List.of());
    }

    /** @param resourceIds resourceIDs to name beside the venIDs; empty for none */
    public static DrEvent create(String eventId, Instant now, Instant start, Duration duration, double reductionKw,
            List<String> venIds, boolean testEvent, String marketContext, List<String> resourceIds) {
        return create(eventId, now, start, duration, reductionKw, venIds, testEvent, marketContext, resourceIds,
                Duration.ZERO);
    }

    /**
     * @param startAfter the start randomization a VEN may apply ({@code tolerance/tolerate/startafter}); zero for
     *        none
     */
    public static DrEvent create(String eventId, Instant now, Instant start, Duration duration, double reductionKw,
            List<String> venIds, boolean testEvent, String marketContext, List<String> resourceIds,
            Duration startAfter) {
        return create(eventId, now, start, duration, reductionKw, venIds, testEvent, marketContext, resourceIds,
                startAfter, 0);
    }

    /** @param level 1 to 3 for a SIMPLE event (with reductionKw 0), 0 for a LOAD_DISPATCH event */
    public static DrEvent create(String eventId, Instant now, Instant start, Duration duration, double reductionKw,
            List<String> venIds, boolean testEvent, String marketContext, List<String> resourceIds,
            Duration startAfter, int level) {
        return new DrEvent(eventId, 0, now, now, start, duration, reductionKw, venIds, testEvent, false,
                marketContext, resourceIds, startAfter, null, level);
    }

    /** A SIMPLE event (a level signal) rather than a LOAD_DISPATCH one (a reduction in kW). */
    public boolean simple() {
        return level > 0;
    }

    public Instant end() {
        return start.plus(duration);
    }

    public boolean targets(String venId) {
        return venIds.contains(venId);
    }

    /**
     * The OpenADR status at {@code now}: a cancellation, explicit or implied, overrides time; otherwise far, near
     * (within {@code nearWindow} of the start), active, then completed.
     */
    public EventStatusEnumeratedType status(Instant now, Duration nearWindow) {
        if (cancelled || withdrawn()) {
            return EventStatusEnumeratedType.CANCELLED;
        }
        if (!now.isBefore(end())) {
            return EventStatusEnumeratedType.COMPLETED;
        }
        if (!now.isBefore(start)) {
            return EventStatusEnumeratedType.ACTIVE;
        }
        return now.isBefore(start.minus(nearWindow)) ? EventStatusEnumeratedType.FAR : EventStatusEnumeratedType.NEAR;
    }

    /** Whether a VEN should still act on it: announced or running, neither over nor cancelled. */
    public boolean isOpen(Instant now, Duration nearWindow) {
        return switch (status(now, nearWindow)) {
            case FAR, NEAR, ACTIVE -> true;
            default -> false;
        };
    }

    /** @param newReductionKw or null to keep; @param newDuration or null to keep */
    public DrEvent modified(Double newReductionKw, Duration newDuration, Instant at) {
        return modified(newReductionKw, newDuration, null, at);
    }

    /** @param newLevel a SIMPLE event's new level, or null to keep */
    public DrEvent modified(Double newReductionKw, Duration newDuration, Integer newLevel, Instant at) {
        return new DrEvent(eventId, modificationNumber + 1, createdAt, at, start,
                newDuration == null ? duration : newDuration, newReductionKw == null ? reductionKw : newReductionKw,
                venIds, testEvent, false, marketContext, resourceIds, startAfter, null,
                newLevel == null ? level : newLevel);
    }

    /**
     * Changed without a new modificationNumber: what OpenADR forbids and a misbehaving VTN does (admin API). A VEN
     * holding this modification gets the changed content under the same number.
     */
    public DrEvent changedInPlace(Double newReductionKw, Duration newDuration, Integer newLevel, Instant at) {
        DrEvent changed = modified(newReductionKw, newDuration, newLevel, at);
        return new DrEvent(eventId, modificationNumber, createdAt, at, start, changed.duration, changed.reductionKw,
                venIds, testEvent, false, marketContext, resourceIds, startAfter, null, changed.level);
    }

    public DrEvent cancelledAt(Instant at) {
        return new DrEvent(eventId, modificationNumber + 1, createdAt, at, start, duration, reductionKw, venIds,
                testEvent, true, marketContext, resourceIds, startAfter, null, level);
    }

    /**
     * Withdrawn: an implied cancellation. OpenADR 2.0b lets a VTN cancel an event by leaving it out of the
     * distributions that follow; a VEN treats an event it holds that a distribution no longer carries as cancelled. The
     * modificationNumber does not change, since no new modification is sent.
     */
    public DrEvent withdrawnAt(Instant at) {
        return new DrEvent(eventId, modificationNumber, createdAt, modifiedAt, start, duration, reductionKw, venIds,
                testEvent, cancelled, marketContext, resourceIds, startAfter, at, level);
    }

    public boolean withdrawn() {
        return withdrawnAt != null;
    }
}
