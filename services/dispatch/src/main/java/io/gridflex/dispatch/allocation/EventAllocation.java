package io.gridflex.dispatch.allocation;

import java.util.Comparator;
import java.util.List;

/**
 * An event's allocation from some instant on: the pieces per site, and per interval what was asked and given.
 *
 * @param pieces ordered by site, then start; consecutive intervals with the same share are one piece
 * @param intervals one per event interval still to come, in time order
 */
public record EventAllocation(List<Piece> pieces, List<IntervalOutcome> intervals) {

    public EventAllocation {
        pieces = List.copyOf(pieces);
        intervals = List.copyOf(intervals);
    }

    public static EventAllocation none() {
        return new EventAllocation(List.of(), List.of());
    }

    /** The interval that asks most (the earliest of equals), or null when none is left. */
    public IntervalOutcome peak() {
        return intervals.stream().max(Comparator.comparingLong(IntervalOutcome::requestedDeciKw)
                .thenComparing(IntervalOutcome::start, Comparator.reverseOrder())).orElse(null);
    }

    public long requestedDeciKw() {
        IntervalOutcome peak = peak();
        return peak == null ? 0 : peak.requestedDeciKw();
    }

    public long allocatedDeciKw() {
        IntervalOutcome peak = peak();
        return peak == null ? 0 : peak.allocatedDeciKw();
    }

    /** The largest shortfall of any interval. */
    public long shortfallDeciKw() {
        return intervals.stream().mapToLong(IntervalOutcome::shortfallDeciKw).max().orElse(0);
    }
}
