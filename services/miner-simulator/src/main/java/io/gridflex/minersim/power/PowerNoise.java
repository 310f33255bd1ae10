package io.gridflex.minersim.power;

import java.util.SplittableRandom;

/**
 * Deterministic multiplicative noise on a miner's draw: a fixed per-unit bias (no two units draw exactly the same) and
 * a jitter that holds for one period and then jumps. Piecewise constant on purpose: it keeps the energy integral exact
 * and the figures reproducible from a seed.
 */
public final class PowerNoise {

    private final double amplitude;
    private final long periodNanos;
    private final long seed;
    private final double unitBias;

    /**
     * @param amplitude largest relative deviation of the bias and of the jitter each, e.g. 0.015 for ±1.5 %
     * @param periodNanos how long one jitter value holds
     * @param seed makes the sequence reproducible
     */
    public PowerNoise(double amplitude, long periodNanos, long seed) {
        if (amplitude < 0 || amplitude >= 0.5) {
            throw new IllegalArgumentException("noise amplitude must be in [0, 0.5): " + amplitude);
        }
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("noise period must be positive");
        }
        this.amplitude = amplitude;
        this.periodNanos = periodNanos;
        this.seed = seed;
        this.unitBias = amplitude * symmetric(new SplittableRandom(seed).nextDouble());
    }

    /** No noise at all: the draw follows the nominal curve exactly. */
    public static PowerNoise none() {
        return new PowerNoise(0.0, 1_000_000_000L, 0L);
    }

    public long periodNanos() {
        return periodNanos;
    }

    /** The jitter bucket a time (nanoseconds since the model's origin) falls in. */
    public long bucket(long nanos) {
        return Math.floorDiv(nanos, periodNanos);
    }

    /** Start of the bucket after the one holding {@code nanos}. */
    public long nextBoundary(long nanos) {
        return (bucket(nanos) + 1) * periodNanos;
    }

    /** The factor the nominal draw is multiplied by throughout one bucket. */
    public double factor(long bucket) {
        if (amplitude == 0.0) {
            return 1.0;
        }
        double jitter = amplitude * symmetric(new SplittableRandom(seed ^ (bucket * 0x9E3779B97F4A7C15L)).nextDouble());
        return (1.0 + unitBias) * (1.0 + jitter);
    }

    private static double symmetric(double unit) {
        return unit * 2.0 - 1.0;
    }
}
