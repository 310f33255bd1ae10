package io.gridflex.siteagent.miner;

import java.time.Instant;

/**
 * One reading of a miner.
 *
 * @param powerW its draw in W: as its firmware reports it, or (when {@code powerReported} is false) the agent's
 *        estimate, never a reported zero standing for "unknown"
 * @param powerReported whether the firmware reported {@code powerW}; false for firmwares that report no power
 * @param hashrateGhs hashrate over the last seconds; zero when its boards are off
 * @param at when the answer arrived
 */
public record MinerReading(double powerW, boolean powerReported, double hashrateGhs, Instant at) {

    /** A reading whose draw the firmware reported. */
    public MinerReading(double powerW, double hashrateGhs, Instant at) {
        this(powerW, true, hashrateGhs, at);
    }

    /** A reading of a firmware that reports no power: the draw is to be estimated ({@code NaN} until then). */
    public static MinerReading withoutPower(double hashrateGhs, Instant at) {
        return new MinerReading(Double.NaN, false, hashrateGhs, at);
    }

    /** This reading with an estimated draw in place of the one its firmware did not report. */
    public MinerReading estimated(double estimateW) {
        return powerReported ? this : new MinerReading(estimateW, false, hashrateGhs, at);
    }

    public boolean hashing() {
        return hashrateGhs > 0;
    }
}
