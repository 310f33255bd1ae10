package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.util.List;

/**
 * A site's performance in one event. Totals are the exact sums of the intervals' figures, rounded once: MWh to 6
 * decimals (1 Wh), the factor to 6. Without a baseline there are no figures.
 *
 * @param status whether the figures are complete
 * @param intervals every settlement interval of the event, in time order; empty without a baseline
 * @param deliveredMwh delivered energy (floored at zero when the program floors the event total)
 * @param committedMwh committed reduction energy
 * @param shortfallMwh energy short of the commitment
 * @param factor the event's performance factor, 0..1
 */
public record PerformanceResult(Status status, List<PerformanceInterval> intervals, BigDecimal deliveredMwh,
        BigDecimal committedMwh, BigDecimal shortfallMwh, BigDecimal factor) {

    public PerformanceResult {
        intervals = List.copyOf(intervals);
    }

    public enum Status {
        COMPLETE,
        /** Some interval of the event is not metered: it counts as delivering nothing. */
        PARTIAL,
        /** The baseline could not be stated, so neither can performance. */
        NO_BASELINE
    }
}
