package io.gridflex.settlement.schedule;

import java.util.Comparator;

import io.gridflex.messages.ScheduleSegment;

/**
 * Whom a share of delivered energy belongs to: an event, or an operator's test or override. Ordered by event id, then
 * kind, which is the order in which rounding ties are broken.
 */
public record ShareKey(String eventId, ScheduleSegment.Kind kind) implements Comparable<ShareKey> {

    private static final Comparator<ShareKey> ORDER = Comparator.comparing(ShareKey::eventId)
            .thenComparing(ShareKey::kind);

    public static ShareKey event(String eventId) {
        return new ShareKey(eventId, ScheduleSegment.Kind.EVENT);
    }

    @Override
    public int compareTo(ShareKey other) {
        return ORDER.compare(this, other);
    }
}
