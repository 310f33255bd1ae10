package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.SequencedMap;

/**
 * A baseline as a method stated it, with everything needed to check it by hand. Figures that cannot be stated
 * honestly are absent, never guessed: without a {@link Status#COMPLETE} status the intervals carry no baseline.
 *
 * @param method the method's name
 * @param version the method's version
 * @param parameters the method's parameters, as {@link BaselineMethod#parameters()}
 * @param status whether a baseline could be stated
 * @param problem why not, in words; null when complete
 * @param likeDays the like days found, newest first, each with its usage over the event hours and whether it was kept
 * @param skippedDays the days of the right kind passed over while looking for like days, newest first, and why
 * @param adjustment the day-of adjustment applied; null for methods without one or when no baseline was stated
 * @param intervals every settlement interval of the event, in time order
 */
public record BaselineResult(
        String method,
        int version,
        SequencedMap<String, String> parameters,
        Status status,
        String problem,
        List<LikeDay> likeDays,
        List<SkippedDay> skippedDays,
        AppliedAdjustment adjustment,
        List<BaselineInterval> intervals) {

    public BaselineResult {
        likeDays = List.copyOf(likeDays);
        skippedDays = List.copyOf(skippedDays);
        intervals = List.copyOf(intervals);
    }

    public boolean complete() {
        return status == Status.COMPLETE;
    }

    public enum Status {
        COMPLETE,
        /** Fewer eligible like days within the look-back than the method needs. */
        INSUFFICIENT_LIKE_DAYS,
        /** The event day's own data the method needs (baseline or adjustment window) is not metered well enough. */
        INSUFFICIENT_DATA
    }

    /**
     * @param day the like day, in the program's time zone
     * @param eventHoursKw its mean load over the event's intervals, 3 decimals
     * @param kept whether it is one of the days the baseline averages
     */
    public record LikeDay(LocalDate day, BigDecimal eventHoursKw, boolean kept) {
    }

    public record SkippedDay(LocalDate day, SkipReason reason) {
    }

    public enum SkipReason {
        HOLIDAY,
        EVENT_DAY,
        /** Some interval of the event hours is not metered that day. */
        INCOMPLETE_DATA,
        /** Its usage over the event hours is below the method's low-usage fraction of the like days' average. */
        LOW_USAGE
    }
}
