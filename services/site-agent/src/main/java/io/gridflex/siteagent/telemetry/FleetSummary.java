package io.gridflex.siteagent.telemetry;

import java.util.Collection;
import java.util.Set;

import io.gridflex.messages.SiteTelemetry;
import io.gridflex.siteagent.miner.MinerStatus;

/**
 * The miners by state, their hashrate and efficiency, as telemetry reports them. A miner answering but not hashing
 * counts as asleep only at a sleeping miner's draw (its control board); above that it is starting, warming up or
 * failing, and counts as other. Pure.
 *
 * @param counts the miners by state
 * @param hashrateThs the hashing miners' hashrate, in TH/s; null when no miner answered
 * @param efficiencyJPerTh the hashing miners' draw over their hashrate, in J/TH; null when none hashes
 * @param coverage the share of miners whose latest reading succeeded
 * @param sheddableW the draw of the hashing miners the agent does not hold: what it could still stop
 */
public record FleetSummary(SiteTelemetry.MinerCounts counts, Double hashrateThs, Double efficiencyJPerTh,
        double coverage, double sheddableW) {

    /** The telemetry schema's bound on efficiency; the least efficient miners in use run at about 100 J/TH. */
    static final double MAX_EFFICIENCY_J_PER_TH = 100_000;

    public static FleetSummary of(Collection<MinerStatus> miners, Set<String> heldEndpoints, double sleepW) {
        int hashing = 0;
        int asleep = 0;
        int unreachable = 0;
        int other = 0;
        double hashingW = 0;
        double hashrateGhs = 0;
        double sheddableW = 0;
        for (MinerStatus miner : miners) {
            if (!miner.reachable()) {
                unreachable++;
            } else if (miner.hashing()) {
                hashing++;
                hashingW += miner.powerW();
                hashrateGhs += miner.last().hashrateGhs();
                if (!heldEndpoints.contains(miner.endpoint().toString())) {
                    sheddableW += miner.powerW();
                }
            } else if (miner.powerW() <= asleepAtMostW(miner, sleepW)) {
                asleep++;
            } else {
                other++;
            }
        }
        int reachable = miners.size() - unreachable;
        double hashrateThs = hashrateGhs / 1000;
        return new FleetSummary(new SiteTelemetry.MinerCounts(miners.size(), hashing, asleep, unreachable, other),
                reachable == 0 ? null : hashrateThs,
                efficiency(hashing, hashingW, hashrateThs),
                miners.isEmpty() ? 0 : (double) reachable / miners.size(), sheddableW);
    }

    /**
     * J/TH of the hashing miners. Miners just starting draw power before they hash much; a figure beyond any real
     * miner's says nothing and is left out (null) rather than reported.
     */
    private static Double efficiency(int hashing, double hashingW, double hashrateThs) {
        if (hashing == 0 || hashrateThs <= 0) {
            return null;
        }
        double jPerTh = hashingW / hashrateThs;
        return jPerTh < MAX_EFFICIENCY_J_PER_TH ? jPerTh : null;
    }

    /** The most a miner draws while asleep: a few times a control board, or a twentieth of its running draw. */
    static double asleepAtMostW(MinerStatus miner, double sleepW) {
        return Math.max(3 * sleepW, 0.05 * miner.peakRunningW());
    }
}
