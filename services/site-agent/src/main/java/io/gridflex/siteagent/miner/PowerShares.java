package io.gridflex.siteagent.miner;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Power targets for firmwares that take a temporary power limit as a share (0–100 %) of the miner's full draw rather
 * than in watts (Whatsminer). The full draw is learnt per miner from its readings: the power limit it reports, else
 * the highest draw read while it hashed. A target is sent as the nearest share rounded up, so the miner never holds
 * less than asked. Thread-safe; one per driver.
 */
public final class PowerShares {

    private final Map<MinerEndpoint, Double> fullDrawW = new ConcurrentHashMap<>();

    /**
     * Learns from one reading.
     *
     * @param limitW the power limit the miner reports as its full draw; empty (or not positive) when it reports none
     */
    public void observe(MinerEndpoint miner, OptionalDouble limitW, double watts, double hashrateGhs) {
        if (limitW.isPresent() && limitW.getAsDouble() > 0) {
            fullDrawW.put(miner, limitW.getAsDouble());
        } else if (hashrateGhs > 0) {
            fullDrawW.merge(miner, watts, Math::max);
        }
    }

    /** The share that holds at least {@code watts}; fails while the miner's full draw is not known. */
    public int percentFor(MinerEndpoint miner, int watts) throws MinerException {
        Double full = fullDrawW.get(miner);
        if (full == null) {
            throw new MinerException(miner + ": its full draw is not known yet (read it while it hashes first)",
                    MinerException.NO_CODE);
        }
        return percentOf(watts, full);
    }

    /** The share of {@code fullW} that holds at least {@code watts}, within 0-100. */
    public static int percentOf(int watts, double fullW) {
        return (int) Math.max(0, Math.min(100, Math.ceil(watts * 100.0 / fullW)));
    }

    /** Fails unless {@code percent} is a share a miner can be given. */
    public static void requireShare(MinerEndpoint miner, int percent) throws MinerException {
        if (percent < 0 || percent > 100) {
            throw new MinerException(miner + ": a power share must be 0-100 %, got " + percent,
                    MinerException.UNSUPPORTED);
        }
    }
}
