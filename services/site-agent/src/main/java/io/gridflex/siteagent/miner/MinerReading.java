package io.gridflex.siteagent.miner;

import java.time.Instant;

/**
 * One reading of a miner.
 *
 * @param powerW draw reported by its PSU
 * @param hashrateGhs hashrate over the last seconds; zero when its boards are off
 * @param at when the answer arrived
 */
public record MinerReading(double powerW, double hashrateGhs, Instant at) {

    public boolean hashing() {
        return hashrateGhs > 0;
    }
}
