package io.gridflex.siteagent.execution;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.gridflex.siteagent.miner.MinerStatus;
import io.gridflex.siteagent.schedule.HeldMiner;

/**
 * The site's steady draw once every miner that runs or is coming back runs at full power: the figure a restore stage
 * must keep under the import limit. Deliberately pessimistic: a running miner counts with the highest draw seen from
 * it, a miner the agent woke with its draw before it was stopped, and a miner never heard from, or hashing but not
 * yet settled at its full draw (woken by someone else, still warming up), as the biggest miner of the site. Pure.
 */
public final class SiteProjection {

    private SiteProjection() {
    }

    public static double steadyW(Collection<MinerStatus> miners, Collection<HeldMiner> held, double sleepW) {
        Map<String, HeldMiner> heldByEndpoint = held.stream()
                .collect(Collectors.toMap(HeldMiner::endpoint, Function.identity(), (a, b) -> b));
        double biggest = miners.stream().mapToDouble(MinerStatus::peakRunningW).max().orElse(0);
        biggest = Math.max(biggest, held.stream().mapToDouble(HeldMiner::runningW).max().orElse(0));
        double total = 0;
        for (MinerStatus miner : miners) {
            HeldMiner h = heldByEndpoint.get(miner.endpoint().toString());
            if (h != null && h.isAsleep()) {
                total += miner.last() == null ? sleepW : miner.powerW();
            } else if (h != null) {
                total += Math.max(h.runningW(), miner.peakRunningW());
            } else if (miner.last() == null) {
                total += biggest;
            } else if (miner.last().hashing()) {
                double full = miner.settled() ? miner.peakRunningW() : Math.max(miner.peakRunningW(), biggest);
                total += Math.max(miner.powerW(), full);
            } else {
                total += miner.powerW();
            }
        }
        return total;
    }
}
