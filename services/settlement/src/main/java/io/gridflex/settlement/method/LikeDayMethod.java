package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

import io.gridflex.settlement.baseline.Decimals;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.method.BaselineResult.LikeDay;
import io.gridflex.settlement.method.BaselineResult.Status;
import io.gridflex.settlement.method.LikeDaySearch.DayUsage;

/**
 * A baseline from the site's own recent like days: gather a pool of eligible days ({@link LikeDaySearch}), keep some of
 * them by their usage over the event hours, average the kept days interval by interval at the same local time, then
 * correct that average by the event day's own load before the event ({@link Adjustment}).
 * <p>
 * Rounding: each interval's unadjusted baseline and the adjustment window's two means are rounded to 3 decimals of a
 * kW, an additive adjustment is the difference of the rounded means, a ratio is their quotient rounded to 6 decimals,
 * and an adjusted interval is the rounded baseline plus the adjustment or times the ratio, rounded to 3 decimals;
 * every rounding half-even. So each printed figure follows from the printed figures before it.
 *
 * @param name the method's name
 * @param version the method's version
 * @param lookbackDays how many calendar days before the event day may hold like days
 * @param lowUsageFraction a day below this fraction of the pool's mean usage is low-usage; null for no such screen
 * @param weekdays the pool for an event on a weekday
 * @param weekends the pool for an event on a weekend day or a holiday
 * @param adjustment the day-of adjustment
 */
public record LikeDayMethod(String name, int version, int lookbackDays, BigDecimal lowUsageFraction,
        LikeDayPool weekdays, LikeDayPool weekends, Adjustment adjustment) implements BaselineMethod {

    public LikeDayMethod {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(weekdays, "weekdays");
        Objects.requireNonNull(weekends, "weekends");
        Objects.requireNonNull(adjustment, "adjustment");
        if (lookbackDays < 1) {
            throw new IllegalArgumentException("the look-back must be at least a day: " + lookbackDays);
        }
        if (lowUsageFraction != null
                && (lowUsageFraction.signum() < 0 || lowUsageFraction.compareTo(BigDecimal.ONE) >= 0)) {
            throw new IllegalArgumentException("the low-usage fraction must be in [0, 1): " + lowUsageFraction);
        }
    }

    @Override
    public SequencedMap<String, String> parameters() {
        SequencedMap<String, String> parameters = new LinkedHashMap<>();
        parameters.put("weekdays", weekdays.toString());
        parameters.put("weekends-and-holidays", weekends.toString());
        parameters.put("lookback-days", Integer.toString(lookbackDays));
        parameters.put("low-usage-fraction", lowUsageFraction == null ? "none" : lowUsageFraction.toPlainString());
        parameters.put("adjustment", adjustment.kind().name());
        if (adjustment.kind() != Adjustment.Kind.NONE) {
            parameters.put("adjustment-window-starts-before", adjustment.startBefore().toString());
            parameters.put("adjustment-window-length", adjustment.length().toString());
        }
        if (adjustment.kind() == Adjustment.Kind.MULTIPLICATIVE) {
            parameters.put("adjustment-lowest", plainOrNone(adjustment.lowest()));
            parameters.put("adjustment-highest", plainOrNone(adjustment.highest()));
        }
        return parameters;
    }

    /** The adjustment window and the event hours, on the event day and every day of the look-back. */
    @Override
    public Reach reach(LocalDate eventDay) {
        return new Reach(adjustment.startBefore(), lookbackDays);
    }

    @Override
    public BaselineResult baseline(BaselineInput input) {
        LocalDate eventDay = LocalDate.ofInstant(input.event().start(), input.calendar().zone());
        LikeDayPool pool = input.calendar().kind(eventDay) == DayCalendar.DayKind.WEEKDAY ? weekdays : weekends;
        List<Instant> eventSlots = input.load().slots(input.event());
        LikeDaySearch.Found found = new LikeDaySearch(input, lookbackDays, lowUsageFraction).search(eventDay,
                eventSlots, pool.size());
        if (found.days().size() < pool.size()) {
            return Results.without(this, input, Status.INSUFFICIENT_LIKE_DAYS,
                    "found " + found.days().size() + " of the " + pool.size() + " like days needed within "
                            + lookbackDays + " days",
                    likeDays(found.days(), List.of()), found.skipped());
        }
        List<DayUsage> kept = keep(found.days(), pool);
        List<LikeDay> likeDays = likeDays(found.days(), kept);
        List<BigDecimal> baseline = new ArrayList<>();
        for (Instant slot : eventSlots) {
            baseline.add(Decimals.kw(averageAt(input, eventDay, kept, slot).orElseThrow()));
        }
        if (adjustment.kind() == Adjustment.Kind.NONE) {
            return Results.complete(this, input, likeDays, found.skipped(), null, eventSlots, baseline, baseline);
        }
        TimeWindow window = adjustment.window(input.event().start());
        List<Instant> windowSlots = input.load().slots(window);
        Optional<BigDecimal> actual = input.load().mean(windowSlots);
        Optional<BigDecimal> expected = averageOver(input, eventDay, kept, windowSlots);
        if (actual.isEmpty() || expected.isEmpty()) {
            return Results.without(this, input, Status.INSUFFICIENT_DATA,
                    "the adjustment window " + window.start() + " to " + window.end() + " is not fully metered",
                    likeDays, found.skipped());
        }
        AppliedAdjustment applied = apply(window, Decimals.kw(actual.get()), Decimals.kw(expected.get()));
        List<BigDecimal> adjusted = baseline.stream().map(kw -> adjusted(kw, applied.applied())).toList();
        return Results.complete(this, input, likeDays, found.skipped(), applied, eventSlots, baseline, adjusted);
    }

    private AppliedAdjustment apply(TimeWindow window, BigDecimal actualKw, BigDecimal baselineKw) {
        if (adjustment.kind() == Adjustment.Kind.ADDITIVE) {
            BigDecimal difference = actualKw.subtract(baselineKw);
            return new AppliedAdjustment(adjustment.kind(), window, actualKw, baselineKw, difference, difference);
        }
        BigDecimal ratio = baselineKw.signum() == 0
                ? BigDecimal.ONE.setScale(Decimals.RATIO_SCALE)
                : actualKw.divide(baselineKw, Decimals.RATIO_SCALE, Decimals.ROUNDING);
        return new AppliedAdjustment(adjustment.kind(), window, actualKw, baselineKw, ratio, adjustment.clamp(ratio));
    }

    private BigDecimal adjusted(BigDecimal baselineKw, BigDecimal applied) {
        return adjustment.kind() == Adjustment.Kind.ADDITIVE
                ? baselineKw.add(applied)
                : Decimals.kw(baselineKw.multiply(applied));
    }

    private static List<DayUsage> keep(List<DayUsage> pool, LikeDayPool rule) {
        List<DayUsage> ranked = new ArrayList<>(pool);
        ranked.sort(Comparator.comparing(DayUsage::eventHoursKw).reversed()
                .thenComparing(DayUsage::day, Comparator.reverseOrder()));
        return switch (rule.selection()) {
            case HIGHEST -> ranked.subList(0, rule.keep());
            case MIDDLE -> ranked.subList(1, ranked.size() - 1);
            case ALL -> ranked;
        };
    }

    private static List<LikeDay> likeDays(List<DayUsage> found, List<DayUsage> kept) {
        return found.stream()
                .map(day -> new LikeDay(day.day(), Decimals.kw(day.eventHoursKw()), kept.contains(day)))
                .toList();
    }

    /** The kept days' mean at the local time of {@code slot}, over the days metered then. */
    private static Optional<BigDecimal> averageAt(BaselineInput input, LocalDate eventDay, List<DayUsage> days,
            Instant slot) {
        BigDecimal sum = BigDecimal.ZERO;
        int count = 0;
        for (DayUsage day : days) {
            Optional<BigDecimal> value = DayShift
                    .shift(slot, input.calendar().zone(), ChronoUnit.DAYS.between(eventDay, day.day()))
                    .flatMap(input.load()::at);
            if (value.isPresent()) {
                sum = sum.add(value.get(), Decimals.CALCULATION);
                count++;
            }
        }
        return count == 0
                ? Optional.empty()
                : Optional.of(sum.divide(BigDecimal.valueOf(count), Decimals.CALCULATION));
    }

    private static Optional<BigDecimal> averageOver(BaselineInput input, LocalDate eventDay, List<DayUsage> days,
            List<Instant> slots) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Instant slot : slots) {
            Optional<BigDecimal> value = averageAt(input, eventDay, days, slot);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            sum = sum.add(value.get(), Decimals.CALCULATION);
        }
        return slots.isEmpty()
                ? Optional.empty()
                : Optional.of(sum.divide(BigDecimal.valueOf(slots.size()), Decimals.CALCULATION));
    }

    private static String plainOrNone(BigDecimal value) {
        return value == null ? "none" : value.toPlainString();
    }
}
