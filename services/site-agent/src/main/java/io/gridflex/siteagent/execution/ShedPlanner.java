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
     * @param trimmableW the most a power target may take off it while it keeps hashing (0 where its firmware takes no
     *        power target)
     */
    public record Candidate(String endpoint, double reductionW, boolean alreadyShed, double jPerTh,
            double trimmableW) {

        public Candidate(String endpoint, double reductionW, boolean alreadyShed) {
            this(endpoint, reductionW, alreadyShed, Double.NaN);
        }

        public Candidate(String endpoint, double reductionW, boolean alreadyShed, double jPerTh) {
            this(endpoint, reductionW, alreadyShed, jPerTh, 0);
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
            // a binary search finds it; each band's end is found once: O(n log n) in all.
            int[] bands = pool.stream().mapToInt(Candidate::band).toArray();
            int next = 0;
            boolean covered = false;
            while (!covered && remaining > EPSILON_W && next < pool.size()) {
                int bandEnd = next;
                while (bandEnd < pool.size() && bands[bandEnd] == bands[next]) {
                    bandEnd++;
                }
                while (!covered && remaining > EPSILON_W && next < bandEnd) {
                    int covering = lastCovering(pool, next, bandEnd, remaining);
                    Candidate pick = covering < 0 ? pool.get(next++) : pool.get(covering);
                    chosen.add(pick);
                    remaining -= pick.reductionW();
                    covered = covering >= 0;
                }
            }
        }
        return chosen;
    }

    /**
     * A plan with its last pick, where that overshoots, replaced by a power target on one miner: whole miners for the
     * bulk, a trim for the rest, so the site sheds what is asked and not up to one miner more.
     *
     * @param sleeps the miners to put to sleep
     * @param trim the miner to trim, or null
     * @param trimW how much to take off it, in W (0 without a trim)
     */
    public record Trimmed(List<Candidate> sleeps, Candidate trim, double trimW) {
    }

    /**
     * Replaces the last pick of {@code plan} (made by {@link #plan} for {@code targetW}) by a trim when that sheds
     * closer to the target: the remainder after the other picks goes to one candidate that can take it off by a power
     * target, the least efficient first, the last pick itself included. Without such a candidate, or when the plan
     * does not overshoot, the plan stands as it is. Pure.
     */
    public static Trimmed trimLast(List<Candidate> plan, List<Candidate> candidates, double targetW) {
        double overshootW = reductionW(plan) - targetW;
        if (plan.isEmpty() || overshootW <= EPSILON_W) {
            return new Trimmed(plan, null, 0);
        }
        List<Candidate> bulk = plan.subList(0, plan.size() - 1);
        double remainderW = targetW - reductionW(bulk);
        if (remainderW <= EPSILON_W) {
            return new Trimmed(List.copyOf(bulk), null, 0);
        }
        java.util.Set<String> taken = bulk.stream().map(Candidate::endpoint)
                .collect(java.util.stream.Collectors.toSet());
        return candidates.stream()
                .filter(c -> !c.alreadyShed() && !taken.contains(c.endpoint())
                        && c.trimmableW() + EPSILON_W >= remainderW)
                .sorted(Comparator.comparingInt(Candidate::band).reversed()
                        .thenComparing(Comparator.comparingDouble(Candidate::trimmableW).reversed())
                        .thenComparing(Candidate::endpoint))
                .findFirst().map(c -> new Trimmed(List.copyOf(bulk), c, remainderW))
                .orElse(new Trimmed(plan, null, 0));
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
