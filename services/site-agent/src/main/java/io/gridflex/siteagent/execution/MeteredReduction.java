package io.gridflex.siteagent.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import io.gridflex.siteagent.meter.MeterPoller;
import io.gridflex.siteagent.meter.MeterReading;

/**
 * What the site meter says the held miners took off: the mining draw it measured the last time the agent held no
 * miner (the reference), less the mining draw it measures now. The meter is the truth for the site's power; the
 * miners' own readings differ from it by 5-20 %, and a miner can report a draw it does not have, so a SHED
 * acknowledgement states this figure wherever the meter gives one. The mining draw is the meter's mining register,
 * else its site register less its data-centre register, else its site register alone (a site whose only other load is
 * unmetered: that load cancels out of the difference as long as it holds still). Used by the controller's thread
 * only.
 */
final class MeteredReduction {

    /** A reference older than this no longer says what the miners would draw now: their draw drifts with heat. */
    static final Duration REFERENCE_LIFETIME = Duration.ofHours(1);

    /**
     * A figure the meter gave.
     *
     * @param removedW the reference less the mining draw now, in W (negative if mining rose)
     * @param at when the meter measured the draw now
     * @param referenceAt when it measured the reference
     */
    record Figure(double removedW, Instant at, Instant referenceAt) {
    }

    /** The least share of the miners' own figure the meter is believed to see: beyond it, a meter fault is likelier. */
    static final double LEAST_AGREEMENT = 0.5;
    /** Below this the miners' figure is too small a base for a ratio. */
    private static final double LEAST_CLAIM_W = 1000;

    private final MeterPoller meter;
    private Double referenceW;
    private Instant referenceAt;
    /** What the meter saw of the miners' own figure at the last calibration, in (0.5, 1]. */
    private double agreement = 1;
    private Instant calibratedFor;

    MeteredReduction(MeterPoller meter) {
        this.meter = meter;
    }

    /** Whether the site has a meter to ask. */
    boolean metered() {
        return meter.enabled();
    }

    /**
     * Called every control step: while the agent holds, commands and expects nothing of any miner, the meter's latest
     * mining draw becomes the reference.
     */
    void observe(boolean nothingHeld) {
        if (!nothingHeld) {
            return;
        }
        meter.fresh().ifPresent(reading -> miningW(reading).ifPresent(w -> {
            referenceW = w;
            referenceAt = reading.at();
        }));
    }

    /**
     * The reduction in the meter's newest reading, if that reading was taken after {@code after} (fresher readings
     * win: one from before the miners settled would understate the shed) and a reference no older than
     * {@link #REFERENCE_LIFETIME} exists.
     */
    Optional<Figure> after(Instant after) {
        if (referenceW == null) {
            return Optional.empty();
        }
        return meter.fresh().filter(reading -> reading.at().isAfter(after))
                .filter(reading -> !reading.at().isAfter(referenceAt.plus(REFERENCE_LIFETIME)))
                .flatMap(reading -> miningW(reading).map(w -> new Figure(referenceW - w, reading.at(), referenceAt)));
    }

    /**
     * How much to scale a reduction counted in the miners' own readings so that the meter sees it: 1 until the meter
     * has shown a settled shed smaller than the miners claimed, then the inverse of the share it saw. Never below 1:
     * where the meter sees more than the miners claim, the site keeps holding what the miners' figure says (the safe
     * side of a disagreement).
     */
    double correction() {
        return 1 / agreement;
    }

    /**
     * Once per settled shed ({@code settledAt}), compares the meter's figure with {@code claimed}, the reduction the
     * held miners' own readings show, and keeps their ratio for {@link #correction()}.
     *
     * @return whether the correction changed
     */
    boolean calibrate(Instant settledAt, DoubleSupplier claimed) {
        if (settledAt.equals(calibratedFor)) {
            return false;
        }
        Optional<Figure> figure = after(settledAt);
        if (figure.isEmpty()) {
            return false;
        }
        // Only now, once per settled shed of a metered site: the miners' figure walks every held miner.
        double claimedW = claimed.getAsDouble();
        if (claimedW < LEAST_CLAIM_W) {
            return false;
        }
        calibratedFor = settledAt;
        double seen = Math.clamp(figure.get().removedW() / claimedW, LEAST_AGREEMENT, 1);
        boolean changed = Math.abs(seen - agreement) > 0.01;
        agreement = seen;
        return changed;
    }

    /** How long a settled shed waits for the meter's next reading before it is acknowledged from the miners'. */
    Duration patience() {
        return meter.pollInterval().multipliedBy(3);
    }

    /** The mining draw a reading measures, in W, if it measures one. */
    static Optional<Double> miningW(MeterReading reading) {
        if (reading.miningKw() != null) {
            return Optional.of(reading.miningKw() * 1000);
        }
        if (reading.siteKw() == null) {
            return Optional.empty();
        }
        double otherKw = reading.dataCentreKw() == null ? 0 : reading.dataCentreKw();
        return Optional.of((reading.siteKw() - otherKw) * 1000);
    }
}
