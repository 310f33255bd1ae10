package io.gridflex.settlement.schedule;

import java.math.BigDecimal;
import java.util.Objects;

import io.gridflex.messages.ScheduleSegment;

/**
 * One event's (or operator action's) part of a stored segment.
 *
 * @param eventId the DR event, or an operator action ({@code operator/<id>})
 * @param program the program of the event; null for operator actions
 * @param kind only {@link ScheduleSegment.Kind#EVENT} shares are settled for an event
 * @param kw the reduction attributed to it, 6 decimals: its weight in the split of the delivered energy
 * @param importCapKw the import cap it asks for, 6 decimals, or null
 */
public record Contribution(String eventId, String program, ScheduleSegment.Kind kind, BigDecimal kw,
        BigDecimal importCapKw) {

    public Contribution {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(kw, "kw");
    }

    /** Who the share of this contribution belongs to. */
    public ShareKey key() {
        return new ShareKey(eventId, kind);
    }
}
