package io.gridflex.siteagent.miner;

/**
 * What the agent knows about one miner.
 *
 * @param endpoint the miner
 * @param reachable whether its latest reading succeeded
 * @param last its latest successful reading, or null if it never answered
 * @param peakRunningW highest draw seen while it was hashing: what it can add when it runs, noise included
 * @param readingsSincePeakRise hashing readings since the peak last rose by more than {@link #PEAK_RISE}
 * @param failures readings failed in a row
 * @param lastError why the latest reading failed, or null
 * @param assumedW the draw taken for it while it has never answered: unknown is not 0 W, and counting a silent miner
 *        as off would show a reduction that did not happen (its nominal draw; 0 where nothing is known)
 */
public record MinerStatus(MinerEndpoint endpoint, boolean reachable, MinerReading last, double peakRunningW,
        int readingsSincePeakRise, int failures, String lastError, double assumedW) {

    public MinerStatus(MinerEndpoint endpoint, boolean reachable, MinerReading last, double peakRunningW,
            int readingsSincePeakRise, int failures, String lastError) {
        this(endpoint, reachable, last, peakRunningW, readingsSincePeakRise, failures, lastError, 0);
    }

    /** A rise of the peak by more than this share means the miner is still ramping up. */
    static final double PEAK_RISE = 0.01;
    /** Hashing readings without a peak rise after which the peak is taken as the miner's full draw. */
    static final int SETTLED_AFTER = 5;

    static MinerStatus unknown(MinerEndpoint endpoint, double assumedW) {
        return new MinerStatus(endpoint, false, null, 0, 0, 0, null, assumedW);
    }

    /**
     * Whether {@link #peakRunningW} is the miner's full draw: it has been hashing for a while without its draw still
     * rising. A miner warming up is not settled, and its peak says nothing yet about what it will draw.
     */
    public boolean settled() {
        return readingsSincePeakRise >= SETTLED_AFTER;
    }

    /**
     * Latest known draw; a miner that stopped answering is taken to draw what it drew last, one that never answered
     * its {@link #assumedW}.
     */
    public double powerW() {
        return last == null ? assumedW : last.powerW();
    }

    /** Hashing at its latest reading, and that reading is current. */
    public boolean hashing() {
        return reachable && last != null && last.hashing();
    }

    MinerStatus read(MinerReading reading) {
        if (!reading.hashing()) {
            return new MinerStatus(endpoint, true, reading, peakRunningW, readingsSincePeakRise, 0, null, assumedW);
        }
        boolean rising = reading.powerW() > peakRunningW * (1 + PEAK_RISE);
        return new MinerStatus(endpoint, true, reading, Math.max(peakRunningW, reading.powerW()),
                rising ? 0 : readingsSincePeakRise + 1, 0, null, assumedW);
    }

    MinerStatus failed(String error) {
        return new MinerStatus(endpoint, false, last, peakRunningW, readingsSincePeakRise, failures + 1, error,
                assumedW);
    }
}
