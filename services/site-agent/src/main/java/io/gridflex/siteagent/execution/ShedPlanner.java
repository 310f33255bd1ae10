package io.gridflex.siteagent.execution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses which miners to stop to remove a given draw. Whole miners only. The least efficient first (highest J/TH,
 * in bands of 5 %: each kW they draw earns the least); within a band the biggest draw first, and the last pick is the
 * smallest miner of the band that alone covers what is left, so the site never stops more than it needs plus one
 * miner and overshoots as little as a greedy choice can. Miners already held asleep are used first: a lower target
 * should move as few miners as possible. Pure.
 */
public final class ShedPlanner {

    /** Below this a remainder counts as covered: readings are whole watts. */
    private static final double EPSILON_W = 0.5;

    /** Efficiencies within this ratio of each other count as equal: readings are noisy by a few percent. */
    private static final double BAND = 1.05;

    /**
     * A miner that could be stopped.
     *
     * @param endpoint the miner
     * @param reductionW how much the site draw falls when it sleeps (its draw minus its sleep draw)
     * @param alreadyShed whether the agent already holds it asleep
     * @param jPerTh its efficiency in J/TH (its draw over its hashrate): the higher, the less each kW earns, the sooner
     *        it is stopped; NaN when unknown (ranked with the most efficient)
     */
    public record Candidate(String endpoint, double reductionW, boolean alreadyShed, double jPerTh) {

        public Candidate(String endpoint, double reductionW, boolean alreadyShed) {
            this(endpoint, reductionW, alreadyShed, Double.NaN);
        }

        /** Its efficiency band: candidates of one band are as good as each other. */
        int band() {
            return Double.isNaN(jPerTh) || jPerTh <= 0
                    ? Integer.MIN_VALUE
                    : (int) Math.floor(Math.log(jPerTh) / Math.log(BAND));
        }
    }

    private ShedPlanner() {
    }

    /**
     * @return the miners to hold asleep, in the order picked; every candidate when even all of them fall short
     */
    public static List<Candidate> plan(List<Candidate> candidates, double targetW) {
        List<Candidate> chosen = new ArrayList<>();
        if (targetW <= EPSILON_W) {
            return chosen;
        }
        double remaining = targetW;
        for (boolean held : new boolean[]{true, false}) {
            List<Candidate> pool = candidates.stream().filter(c -> c.alreadyShed() == held && c.reductionW() > 0)
                    .sorted(Comparator.comparingInt(Candidate::band).reversed()
                            .thenComparing(Comparator.comparingDouble(Candidate::reductionW).reversed())
                            .thenComparing(Candidate::endpoint))
                    .toList();
            // Biggest first within a band until one candidate of the band alone covers the rest; that last pick is
            // the band's smallest that does. Within a band the covering candidates are a prefix of what is left, so
            // a binary search finds it: O(n log n) in all.
            int next = 0;
            while (remaining > EPSILON_W && next < pool.size()) {
                int bandEnd = next;
                while (bandEnd < pool.size() && pool.get(bandEnd).band() == pool.get(next).band()) {
                    bandEnd++;
                }
                int covering = lastCovering(pool, next, bandEnd, remaining);
                Candidate pick = covering < 0 ? pool.get(next++) : pool.get(covering);
                chosen.add(pick);
                remaining -= pick.reductionW();
                if (covering >= 0) {
                    break;
                }
            }
        }
        return chosen;
    }

    /** Total reduction of a set of candidates. */
    public static double reductionW(List<Candidate> candidates) {
        return candidates.stream().mapToDouble(Candidate::reductionW).sum();
    }

    /** The last index in [from, to) of a pool sorted biggest first whose candidate covers {@code remaining}. */
    private static int lastCovering(List<Candidate> poolBiggestFirst, int from, int to, double remaining) {
        int low = from;
        int high = to - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (poolBiggestFirst.get(mid).reductionW() + EPSILON_W >= remaining) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }
}
