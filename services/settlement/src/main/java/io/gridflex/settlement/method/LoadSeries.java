package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import io.gridflex.settlement.baseline.Decimals;
import io.gridflex.settlement.baseline.MeterBeforeMeterAfter;
import io.gridflex.settlement.baseline.MeteredInterval;
import io.gridflex.settlement.baseline.TimeWindow;

/**
 * A site's load as settlement intervals: the mean kW of each interval of a fixed {@code step}, keyed by its start.
 * Intervals start at whole multiples of the step counted from the epoch (1970-01-01T00:00Z), so 15-minute and hourly
 * intervals fall on the local quarter hours and hours of every time zone whose offset is a whole number of quarter
 * hours. An interval without a figure is not metered: it is missing, never zero.
 *
 * @param step the length of every interval, a divisor of a day
 * @param kw mean kW per interval start, unmodifiable
 */
public record LoadSeries(Duration step, NavigableMap<Instant, BigDecimal> kw) {

    public LoadSeries {
        Objects.requireNonNull(step, "step");
        if (step.isNegative() || step.isZero() || Duration.ofDays(1).toNanos() % step.toNanos() != 0) {
            throw new IllegalArgumentException("a settlement interval must divide a day: " + step);
        }
        for (Instant start : kw.keySet()) {
            if (!alignedStart(start, step).equals(start)) {
                throw new IllegalArgumentException("interval " + start + " does not start on a multiple of " + step);
            }
        }
        kw = Collections.unmodifiableNavigableMap(new TreeMap<>(kw));
    }

    public static LoadSeries of(Duration step, Map<Instant, BigDecimal> kw) {
        return new LoadSeries(step, new TreeMap<>(kw));
    }

    /**
     * Settlement intervals from metered intervals of any length: each interval's mean kW is the energy of the metered
     * intervals inside it (weighted by their share inside) over the metered hours, and an interval metered below
     * {@code minimumCoverage} of its length is left out.
     *
     * @param metered a site's metered intervals, in any order, not overlapping each other
     */
    public static LoadSeries fromMetered(Duration step, List<MeteredInterval> metered, BigDecimal minimumCoverage) {
        TreeMap<Instant, Duration> covered = new TreeMap<>();
        TreeMap<Instant, BigDecimal> energy = new TreeMap<>();
        for (MeteredInterval interval : MeterBeforeMeterAfter.sortedWithoutOverlap(metered)) {
            for (Instant slot = alignedStart(interval.start(), step); slot.isBefore(interval.end()); slot = slot
                    .plus(step)) {
                TimeWindow window = new TimeWindow(slot, slot.plus(step));
                Optional<TimeWindow> overlap = window.overlap(interval);
                if (overlap.isPresent()) {
                    covered.merge(slot, overlap.get().length(), Duration::plus);
                    energy.merge(slot, MeterBeforeMeterAfter.attributedEnergy(interval, overlap.get()),
                            (a, b) -> a.add(b, Decimals.CALCULATION));
                }
            }
        }
        TreeMap<Instant, BigDecimal> kw = new TreeMap<>();
        covered.forEach((slot, time) -> {
            if (Decimals.fraction(time, step).compareTo(minimumCoverage) >= 0) {
                kw.put(slot, Decimals.meanKw(energy.get(slot), time));
            }
        });
        return new LoadSeries(step, kw);
    }

    /** The start of the interval of length {@code step} that holds {@code instant}. */
    public static Instant alignedStart(Instant instant, Duration step) {
        long nanos = step.toNanos();
        long seconds = instant.getEpochSecond();
        long stepSeconds = nanos / 1_000_000_000L;
        if (nanos % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("a settlement interval is a whole number of seconds: " + step);
        }
        return Instant.ofEpochSecond(Math.floorDiv(seconds, stepSeconds) * stepSeconds);
    }

    /** The starts of every interval that overlaps {@code window}, in time order. */
    public List<Instant> slots(TimeWindow window) {
        List<Instant> slots = new ArrayList<>();
        for (Instant slot = alignedStart(window.start(), step); slot.isBefore(window.end()); slot = slot.plus(step)) {
            slots.add(slot);
        }
        return slots;
    }

    /** The intervals starting inside {@code window}. */
    public LoadSeries between(TimeWindow window) {
        return new LoadSeries(step, kw.subMap(window.start(), true, window.end(), false));
    }

    /** The mean kW of the interval starting at {@code start}, when it is metered. */
    public Optional<BigDecimal> at(Instant start) {
        return Optional.ofNullable(kw.get(start));
    }

    /** The mean of the intervals starting at {@code starts}, or nothing when any of them is not metered. */
    public Optional<BigDecimal> mean(List<Instant> starts) {
        if (starts.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Instant start : starts) {
            BigDecimal value = kw.get(start);
            if (value == null) {
                return Optional.empty();
            }
            sum = sum.add(value, Decimals.CALCULATION);
        }
        return Optional.of(sum.divide(BigDecimal.valueOf(starts.size()), Decimals.CALCULATION));
    }
}
