package io.gridflex.siteagent.execution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses which miners to stop to remove a given draw. Whole miners only; biggest draw first, and the last pick is
 * the smallest miner that alone covers what is left, so the site never stops more than it needs plus one miner and
 * overshoots as little as a greedy choice can. Miners already held asleep are used first: a lower target should
 * move as few miners as possible. Pure.
 */
public final class ShedPlanner {

    /** Below this a remainder counts as covered: readings are whole watts. */
    private static final double EPSILON_W = 0.5;

    /**
     * A miner that could be stopped.
     *
     * @param endpoint the miner
     * @param reductionW how much the site draw falls when it sleeps (its draw minus its sleep draw)
     * @param alreadyShed whether the agent already holds it asleep
     */
    public record Candidate(String endpoint, double reductionW, boolean alreadyShed) {
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
            List<Candidate> pool = new ArrayList<>(candidates.stream()
                    .filter(c -> c.alreadyShed() == held && c.reductionW() > 0)
                    .sorted(Comparator.comparingDouble(Candidate::reductionW).reversed()
                            .thenComparing(Candidate::endpoint))
                    .toList());
            while (remaining > EPSILON_W && !pool.isEmpty()) {
                Candidate pick = smallestCovering(pool, remaining);
                if (pick == null) {
                    pick = pool.getFirst();
                }
                pool.remove(pick);
                chosen.add(pick);
                remaining -= pick.reductionW();
            }
        }
        return chosen;
    }

    /** Total reduction of a set of candidates. */
    public static double reductionW(List<Candidate> candidates) {
        return candidates.stream().mapToDouble(Candidate::reductionW).sum();
    }

    private static Candidate smallestCovering(List<Candidate> poolBiggestFirst, double remaining) {
        Candidate covering = null;
        for (Candidate c : poolBiggestFirst) {
            if (c.reductionW() + EPSILON_W >= remaining) {
                covering = c;
            }
        }
        return covering;
    }
}
