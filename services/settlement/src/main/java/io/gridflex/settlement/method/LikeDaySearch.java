package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.gridflex.settlement.baseline.Decimals;
import io.gridflex.settlement.method.BaselineResult.SkipReason;
import io.gridflex.settlement.method.BaselineResult.SkippedDay;

/**
 * Walks back from the day before the event, gathering like days: days of the event day's kind (weekday, or weekend and
 * holiday), not excluded, metered over every event interval. Once the pool is full, a day whose usage over the event
 * hours is below {@code lowUsageFraction} of the pool's mean is dropped as low-usage and the walk goes on to fill its
 * place; that repeats until no day of the pool is low or the look-back is used up.
 */
final class LikeDaySearch {

    private final BaselineInput input;
    private final int lookbackDays;
    private final BigDecimal lowUsageFraction;

    LikeDaySearch(BaselineInput input, int lookbackDays, BigDecimal lowUsageFraction) {
        this.input = input;
        this.lookbackDays = lookbackDays;
        this.lowUsageFraction = lowUsageFraction;
    }

    /** One like day and its exact mean load over the event hours. */
    record DayUsage(LocalDate day, List<Instant> eventSlots, BigDecimal eventHoursKw) {
    }

    record Found(List<DayUsage> days, List<SkippedDay> skipped) {
    }

    Found search(LocalDate eventDay, List<Instant> eventSlots, int poolSize) {
        DayCalendar calendar = input.calendar();
        DayCalendar.DayKind kind = calendar.kind(eventDay);
        List<DayUsage> pool = new ArrayList<>();
        List<SkippedDay> skipped = new ArrayList<>();
        LocalDate earliest = eventDay.minusDays(lookbackDays);
        for (LocalDate day = eventDay.minusDays(1); !day.isBefore(earliest); day = day.minusDays(1)) {
            if (calendar.kind(day) != kind) {
                if (calendar.holidays().contains(day)) {
                    skipped.add(new SkippedDay(day, SkipReason.HOLIDAY));
                }
                continue;
            }
            if (calendar.excludedDays().contains(day)) {
                skipped.add(new SkippedDay(day, SkipReason.EVENT_DAY));
                continue;
            }
            Optional<DayUsage> usage = usage(day, ChronoUnit.DAYS.between(eventDay, day), eventSlots);
            if (usage.isEmpty()) {
                skipped.add(new SkippedDay(day, SkipReason.INCOMPLETE_DATA));
                continue;
            }
            pool.add(usage.get());
            if (pool.size() == poolSize) {
                dropLowUsage(pool, skipped);
                if (pool.size() == poolSize) {
                    break;
                }
            }
        }
        skipped.sort((a, b) -> b.day().compareTo(a.day()));
        return new Found(List.copyOf(pool), List.copyOf(skipped));
    }

    private Optional<DayUsage> usage(LocalDate day, long shift, List<Instant> eventSlots) {
        return DayShift.shiftAll(eventSlots, input.calendar().zone(), shift)
                .flatMap(slots -> input.load().mean(slots).map(kw -> new DayUsage(day, slots, kw)));
    }

    private void dropLowUsage(List<DayUsage> pool, List<SkippedDay> skipped) {
        if (lowUsageFraction == null) {
            return;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (DayUsage day : pool) {
            sum = sum.add(day.eventHoursKw(), Decimals.CALCULATION);
        }
        BigDecimal threshold = sum.divide(BigDecimal.valueOf(pool.size()), Decimals.CALCULATION)
                .multiply(lowUsageFraction, Decimals.CALCULATION);
        pool.removeIf(day -> {
            boolean low = day.eventHoursKw().compareTo(threshold) < 0;
            if (low) {
                skipped.add(new SkippedDay(day.day(), SkipReason.LOW_USAGE));
            }
            return low;
        });
    }
}
