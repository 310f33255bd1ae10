package io.gridflex.minersim.meter;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The load of a data centre sharing the site with the miners: a steady base plus one AI-training spike per period, a
 * square pulse of {@code spikeDuration} at a seeded random offset within the period and a seeded random height between
 * 80 % and 100 % of {@code spikeKw}. Piecewise constant, so its energy is exact and any test can compute the truth
 * with {@link #powerKw(Duration)} and {@link #energyKwh(Duration)}.
 *
 * @param baseKw steady draw
 * @param spikeKw largest extra draw of a spike
 * @param spikeDuration how long each spike lasts, at most the period
 * @param spikePeriod one spike starts in each period
 * @param seed makes offsets and heights reproducible
 */
public record DataCentreProfile(double baseKw, double spikeKw, Duration spikeDuration, Duration spikePeriod,
        long seed) {

    private static final double MIN_SPIKE_SHARE = 0.8;
    private static final double NANOS_PER_HOUR = 3600e9;

    public DataCentreProfile {
        if (baseKw < 0 || spikeKw < 0) {
            throw new IllegalArgumentException("data-centre loads cannot be negative");
        }
        if (!spikePeriod.isPositive() || spikeDuration.isNegative() || spikeDuration.compareTo(spikePeriod) > 0) {
            throw new IllegalArgumentException("need 0 <= spike duration <= spike period, period > 0");
        }
    }

    /** No data centre: zero at all times. */
    public static DataCentreProfile none() {
        return new DataCentreProfile(0, 0, Duration.ZERO, Duration.ofMinutes(1), 0);
    }

    /** Draw at {@code elapsed} since the meter started, in kW. */
    public double powerKw(Duration elapsed) {
        long t = elapsed.toNanos();
        long period = spikePeriod.toNanos();
        long k = Math.floorDiv(t, period);
        long start = k * period + offsetNanos(k);
        boolean inSpike = t >= start && t < start + spikeDuration.toNanos();
        return baseKw + (inSpike ? height(k) : 0.0);
    }

    /** Exact energy from the meter's start to {@code elapsed}, in kWh. */
    public double energyKwh(Duration elapsed) {
        long t = Math.max(0, elapsed.toNanos());
        long period = spikePeriod.toNanos();
        long duration = spikeDuration.toNanos();
        double spikeKwNanos = 0;
        if (spikeKw > 0 && duration > 0) {
            long last = Math.floorDiv(t, period);
            for (long k = 0; k <= last; k++) {
                long start = k * period + offsetNanos(k);
                long overlap = Math.min(t, start + duration) - start;
                if (overlap > 0) {
                    spikeKwNanos += height(k) * overlap;
                }
            }
        }
        return (baseKw * t + spikeKwNanos) / NANOS_PER_HOUR;
    }

    /** When spike {@code k} starts within its period, in ns. */
    long offsetNanos(long k) {
        long slack = spikePeriod.toNanos() - spikeDuration.toNanos();
        return slack == 0 ? 0 : (long) (random(k).nextDouble() * slack);
    }

    /** Extra draw of spike {@code k}, in kW. */
    double height(long k) {
        SplittableRandom random = random(k);
        random.nextDouble();
        return spikeKw * (MIN_SPIKE_SHARE + (1 - MIN_SPIKE_SHARE) * random.nextDouble());
    }

    private SplittableRandom random(long k) {
        return new SplittableRandom(seed ^ (k * 0x9E3779B97F4A7C15L));
    }
}
