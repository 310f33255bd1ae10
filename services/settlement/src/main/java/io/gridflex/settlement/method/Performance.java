package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.gridflex.settlement.baseline.Decimals;
import io.gridflex.settlement.baseline.TimeWindow;

/**
 * Delivered energy, shortfall and the performance factor of a site in an event, from its baseline and its commitment.
 * When events overlap at a site, each interval's delivery is the event's share of the site's (adjusted baseline −
 * actual), so no kWh counts for two events.
 * Each interval counts for its hours inside the event window, so an event starting mid-interval counts that interval
 * in part. Every total is the exact sum of the intervals' kW × hours, rounded once; the factor of an interval is
 * rounded to 6 decimals before the event's mean is taken from them.
 */
public final class Performance {

    private Performance() {
    }

    /** The site alone in the event, committed to {@code commitment} throughout the event window. */
    public static PerformanceResult evaluate(BaselineResult baseline, TimeWindow event, Commitment commitment,
            PerformanceRules rules) {
        return evaluate(baseline, interval -> event.overlap(interval.start(), interval.end())
                .map(inside -> IntervalPart.whole(Decimals.hours(inside.length()), commitment.kw())),
                commitment.kind(), commitment.kw(), rules);
    }

    /**
     * One event's performance at a site, interval by interval as {@code parts} says; intervals without a part do not
     * count for it.
     *
     * @param kind how compliance is judged
     * @param levelKw the firm service level, for {@link Commitment.Kind#SERVICE_LEVEL}
     */
    public static PerformanceResult evaluate(BaselineResult baseline,
            Function<BaselineInterval, Optional<IntervalPart>> parts, Commitment.Kind kind, BigDecimal levelKw,
            PerformanceRules rules) {
        if (!baseline.complete()) {
            return new PerformanceResult(PerformanceResult.Status.NO_BASELINE, List.of(), null, null, null, null);
        }
        List<PerformanceInterval> intervals = new ArrayList<>();
        for (BaselineInterval interval : baseline.intervals()) {
            Optional<IntervalPart> part = parts.apply(interval);
            if (part.isPresent()) {
                intervals.add(line(interval, part.get(), kind, levelKw, rules));
            }
        }
        return total(intervals, rules);
    }

    /** The event's figures from its intervals' (of one or several shed episodes), as the class comment says. */
    public static PerformanceResult total(List<PerformanceInterval> intervals, PerformanceRules rules) {
        BigDecimal delivered = BigDecimal.ZERO;
        BigDecimal committed = BigDecimal.ZERO;
        BigDecimal shortfall = BigDecimal.ZERO;
        BigDecimal weightedFactor = BigDecimal.ZERO;
        BigDecimal hours = BigDecimal.ZERO;
        boolean partial = false;
        for (PerformanceInterval line : intervals) {
            partial |= !line.metered();
            delivered = delivered.add(line.deliveredKw().multiply(line.hours()), Decimals.CALCULATION);
            committed = committed.add(line.committedKw().multiply(line.hours()), Decimals.CALCULATION);
            shortfall = shortfall.add(line.shortfallKw().multiply(line.hours()), Decimals.CALCULATION);
            weightedFactor = weightedFactor.add(line.factor().multiply(line.hours()), Decimals.CALCULATION);
            hours = hours.add(line.hours(), Decimals.CALCULATION);
        }
        if (rules.floorEventTotal() && delivered.signum() < 0) {
            delivered = BigDecimal.ZERO;
        }
        BigDecimal factor = switch (rules.averaging()) {
            case MEAN -> hours.signum() == 0 ? BigDecimal.ONE : weightedFactor.divide(hours, Decimals.CALCULATION);
            case ENERGY_WEIGHTED -> ratio(delivered, committed);
        };
        return new PerformanceResult(partial ? PerformanceResult.Status.PARTIAL : PerformanceResult.Status.COMPLETE,
                intervals, Decimals.mwh(Decimals.kwh(delivered)), Decimals.mwh(Decimals.kwh(committed)),
                Decimals.mwh(Decimals.kwh(shortfall)), factor.setScale(Decimals.RATIO_SCALE, Decimals.ROUNDING));
    }

    private static PerformanceInterval line(BaselineInterval interval, IntervalPart part, Commitment.Kind kind,
            BigDecimal levelKw, PerformanceRules rules) {
        BigDecimal hours = part.hours();
        BigDecimal adjusted = interval.adjustedKw();
        boolean metered = interval.actualKw() != null;
        // An unmetered interval is taken as drawing its baseline: it delivered nothing.
        BigDecimal actual = metered ? interval.actualKw() : adjusted;
        // A shared interval's part is cut to the watt below, so the events' parts never add up to more than the whole.
        BigDecimal deliveredKw = part.shared()
                ? adjusted.subtract(actual).multiply(part.eventWeight())
                        .divide(part.totalWeight(), Decimals.CALCULATION)
                        .setScale(Decimals.KW_SCALE, RoundingMode.DOWN)
                : adjusted.subtract(actual);
        if (rules.floorIntervals() && deliveredKw.signum() < 0) {
            deliveredKw = BigDecimal.ZERO.setScale(deliveredKw.scale());
        }
        BigDecimal committedKw;
        BigDecimal shortfallKw;
        if (kind == Commitment.Kind.REDUCTION) {
            committedKw = Decimals.kw(part.committedKw());
            shortfallKw = Decimals.kw(committedKw.subtract(deliveredKw).max(BigDecimal.ZERO));
        } else {
            committedKw = Decimals.kw(adjusted.subtract(levelKw).max(BigDecimal.ZERO));
            shortfallKw = Decimals.kw(actual.subtract(levelKw).max(BigDecimal.ZERO));
        }
        return new PerformanceInterval(interval.start(), interval.end(), hours, metered, deliveredKw, committedKw,
                shortfallKw, ratio(deliveredKw, committedKw).setScale(Decimals.RATIO_SCALE, Decimals.ROUNDING),
                Decimals.detailKwh(deliveredKw.multiply(hours)),
                Decimals.detailKwh(committedKw.multiply(hours)), Decimals.detailKwh(shortfallKw.multiply(hours)));
    }

    /** {@code part / whole} within [0, 1]; 1 when nothing was asked. */
    private static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
        if (whole.signum() <= 0) {
            return BigDecimal.ONE;
        }
        BigDecimal ratio = part.divide(whole, Decimals.CALCULATION);
        return ratio.max(BigDecimal.ZERO).min(BigDecimal.ONE);
    }
}
