package io.gridflex.minersim.power;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The electrical behaviour of one miner: a piecewise-linear draw (flat while running or asleep, linear ramps between
 * the two) times a piecewise-constant {@link PowerNoise} factor, and the exact energy under that curve.
 * <p>
 * The energy counter is the integral of the same curve {@link #powerW()} reports, computed piece by piece with the
 * trapezoid rule, which is exact on linear pieces: it is the ground truth metering is compared against, so it must not
 * depend on how often anyone looks. Ramps have a constant slope, so a miner woken halfway down its sleep ramp only
 * needs the rest of the warm-up.
 * <p>
 * Not thread-safe; {@code SimulatedMiner} serialises access. Time never runs backwards here: a clock reading older than
 * the last one seen is taken as the last one seen.
 */
public final class MinerPowerModel {

    private static final double NANOS_PER_SECOND = 1e9;
    private static final double JOULES_PER_WH = 3600.0;
    /** An overclocked miner (power target above nominal) hashes faster than nominal, but never twice as fast. */
    private static final double MAX_HASHING_FRACTION = 2.0;

    private final InstantSource clock;
    private final double runningW;
    private final double sleepW;
    private final long warmUpNanos;
    private final long sleepRampNanos;
    private final PowerNoise noise;
    private final Instant origin;

    private boolean awake;
    private double levelW;
    private long rampStart;
    private double rampFromW;
    private double rampToW;
    private long rampEnd;

    private long checkpoint;
    private double joulesAtCheckpoint;

    /**
     * @param clock where "now" comes from
     * @param runningW nominal draw when hashing at full power
     * @param sleepW draw with the hashboards off
     * @param warmUp how long a wake-up from full sleep takes to reach full power
     * @param sleepRamp how long going to sleep from full power takes to reach the sleep draw
     * @param noise multiplicative noise on the nominal curve
     * @param awake whether the miner starts hashing (true) or asleep (false), in both cases at steady state
     */
    public MinerPowerModel(InstantSource clock, double runningW, double sleepW, Duration warmUp, Duration sleepRamp,
            PowerNoise noise, boolean awake) {
        if (!(runningW > sleepW) || sleepW < 0) {
            throw new IllegalArgumentException("need runningW > sleepW >= 0, got " + runningW + " and " + sleepW);
        }
        if (warmUp.isNegative() || sleepRamp.isNegative()) {
            throw new IllegalArgumentException("ramp durations must not be negative");
        }
        this.clock = clock;
        this.runningW = runningW;
        this.sleepW = sleepW;
        this.warmUpNanos = warmUp.toNanos();
        this.sleepRampNanos = sleepRamp.toNanos();
        this.noise = noise;
        this.origin = clock.instant();
        this.awake = awake;
        this.levelW = runningW;
        double level = awake ? runningW : sleepW;
        this.rampStart = 0;
        this.rampEnd = 0;
        this.rampFromW = level;
        this.rampToW = level;
    }

    /** Draw right now, in W. */
    public double powerW() {
        return powerAt(now());
    }

    /** Energy drawn since the model was created, in Wh. */
    public double energyWh() {
        long t = now();
        advanceCheckpoint(t);
        return joulesAtCheckpoint / JOULES_PER_WH;
    }

    public MinerState state() {
        long t = now();
        if (!awake) {
            return MinerState.SLEEPING;
        }
        return t < rampEnd && rampToW > rampFromW ? MinerState.WAKING : MinerState.RUNNING;
    }

    /**
     * How much of its full hashrate the miner delivers right now, from 0 to 1. Zero as soon as it is told to sleep
     * (the boards stop before the PSU output has fallen); while waking it follows the board power.
     */
    public double hashingFraction() {
        if (!awake) {
            return 0.0;
        }
        double fraction = (base(now()) - sleepW) / (runningW - sleepW);
        return Math.clamp(fraction, 0.0, MAX_HASHING_FRACTION);
    }

    public boolean isAwake() {
        return awake;
    }

    /**
     * Starts the sleep ramp. Returns false, and changes nothing, when the miner is already asleep.
     */
    public boolean sleep() {
        if (!awake) {
            return false;
        }
        long t = now();
        startRamp(t, sleepW, sleepRampNanos);
        awake = false;
        return true;
    }

    /**
     * Starts the warm-up ramp. Returns false, and changes nothing, when the miner is already awake.
     */
    public boolean wakeUp() {
        if (awake) {
            return false;
        }
        long t = now();
        startRamp(t, levelW, warmUpNanos);
        awake = true;
        return true;
    }

    /**
     * Sets the draw the miner holds while awake (a power target or power percentage): an awake miner ramps to it at
     * the warm-up rate when going up and at the sleep-ramp rate when going down; an asleep one keeps it for its next
     * wake-up.
     *
     * @param watts the new awake draw, above the sleep draw
     */
    public void setLevel(double watts) {
        if (!(watts > sleepW)) {
            throw new IllegalArgumentException("an awake level must exceed the sleep draw " + sleepW + ": " + watts);
        }
        levelW = watts;
        if (awake) {
            long t = now();
            startRamp(t, watts, watts >= base(t) ? warmUpNanos : sleepRampNanos);
        }
    }

    /** The draw the miner holds while awake, without noise: nominal unless a target or percentage changed it. */
    public double levelW() {
        return levelW;
    }

    /** The nominal full-power draw this model ramps to, without noise. */
    public double runningW() {
        return runningW;
    }

    public double sleepW() {
        return sleepW;
    }

    private void startRamp(long t, double targetW, long fullSwingNanos) {
        advanceCheckpoint(t);
        double fromW = base(t);
        double swing = Math.abs(targetW - fromW) / (runningW - sleepW);
        rampStart = t;
        rampFromW = fromW;
        rampToW = targetW;
        rampEnd = t + Math.round(fullSwingNanos * swing);
    }

    private double powerAt(long t) {
        return base(t) * noise.factor(noise.bucket(t));
    }

    /** The nominal (noise-free) draw at {@code t}, for {@code t} at or after the current ramp's start. */
    private double base(long t) {
        if (t >= rampEnd) {
            return rampToW;
        }
        double progress = (double) (t - rampStart) / (rampEnd - rampStart);
        return rampFromW + (rampToW - rampFromW) * progress;
    }

    private void advanceCheckpoint(long t) {
        if (t > checkpoint) {
            joulesAtCheckpoint += joulesBetween(checkpoint, t);
            checkpoint = t;
        }
    }

    /** Exact integral of the draw over [from, to]: split where the curve bends or the noise jumps, trapezoids between. */
    private double joulesBetween(long from, long to) {
        double joules = 0.0;
        long p = from;
        while (p < to) {
            long q = Math.min(to, noise.nextBoundary(p));
            if (rampEnd > p && rampEnd < q) {
                q = rampEnd;
            }
            double factor = noise.factor(noise.bucket(p));
            joules += factor * (base(p) + base(q)) / 2.0 * ((q - p) / NANOS_PER_SECOND);
            p = q;
        }
        return joules;
    }

    private long now() {
        long t = Duration.between(origin, clock.instant()).toNanos();
        return Math.max(t, checkpoint);
    }
}
