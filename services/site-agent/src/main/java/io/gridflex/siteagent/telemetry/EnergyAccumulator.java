package io.gridflex.siteagent.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns site power samples into metered intervals. Power is taken as linear between samples (trapezoids), and an
 * interval boundary falling between two samples splits that trapezoid at the interpolated power, so energy is neither
 * lost nor counted twice across intervals. Intervals lie on a grid of {@code interval} from the epoch; the first one
 * starts at the first sample. Pure and not thread-safe.
 */
public final class EnergyAccumulator {

    /**
     * One finished interval.
     *
     * @param energyWh energy drawn in [start, end)
     */
    public record Interval(Instant start, Instant end, double energyWh) {

        /** Mean draw over the interval, in W. */
        public double averageW() {
            double hours = Duration.between(start, end).toNanos() / 3.6e12;
            return hours > 0 ? energyWh / hours : 0;
        }
    }

    private final long intervalNanos;
    private Instant lastAt;
    private double lastW;
    private Instant intervalStart;
    private Instant intervalEnd;
    private double energyWh;

    public EnergyAccumulator(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Adds a sample and returns the intervals it completed, oldest first. Samples not later than the previous one are
     * ignored.
     */
    public List<Interval> add(Instant at, double siteW) {
        List<Interval> done = new ArrayList<>();
        if (lastAt == null) {
            lastAt = at;
            lastW = siteW;
            intervalStart = at;
            intervalEnd = boundaryAfter(at);
            return done;
        }
        if (!at.isAfter(lastAt)) {
            return done;
        }
        while (!at.isBefore(intervalEnd)) {
            double boundaryW = interpolate(lastAt, lastW, at, siteW, intervalEnd);
            energyWh += trapezoidWh(lastAt, lastW, intervalEnd, boundaryW);
            done.add(new Interval(intervalStart, intervalEnd, energyWh));
            lastAt = intervalEnd;
            lastW = boundaryW;
            intervalStart = intervalEnd;
            intervalEnd = intervalEnd.plusNanos(intervalNanos);
            energyWh = 0;
        }
        energyWh += trapezoidWh(lastAt, lastW, at, siteW);
        lastAt = at;
        lastW = siteW;
        return done;
    }

    private Instant boundaryAfter(Instant at) {
        long epochNanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        long next = Math.floorDiv(epochNanos, intervalNanos) * intervalNanos + intervalNanos;
        return Instant.ofEpochSecond(Math.floorDiv(next, 1_000_000_000L), Math.floorMod(next, 1_000_000_000L));
    }

    private static double interpolate(Instant a, double aW, Instant b, double bW, Instant at) {
        double span = Duration.between(a, b).toNanos();
        double part = Duration.between(a, at).toNanos();
        return aW + (bW - aW) * part / span;
    }

    private static double trapezoidWh(Instant a, double aW, Instant b, double bW) {
        double hours = Duration.between(a, b).toNanos() / 3.6e12;
        return (aW + bW) / 2 * hours;
    }
}
