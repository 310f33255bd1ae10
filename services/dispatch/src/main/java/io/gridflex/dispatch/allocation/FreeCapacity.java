package io.gridflex.dispatch.allocation;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * What a site has left for one event over a stretch of time, once every other event and operator action has taken its
 * part: the least it has left at any instant of the stretch, so that a site is never committed beyond its capacity at
 * any instant across overlapping events. Pure.
 *
 * @param freeDeciKw the reduction the site can still take on over the whole stretch
 * @param busyDeciKw the most other events ask of it at any instant of the stretch
 */
public record FreeCapacity(long freeDeciKw, long busyDeciKw) {

    public static FreeCapacity of(Candidate candidate, Instant from, Instant to) {
        TreeSet<Instant> cuts = new TreeSet<>();
        cuts.add(from);
        addCuts(cuts, candidate.busy(), from, to);
        addCuts(cuts, candidate.limits(), from, to);
        long least = Long.MAX_VALUE;
        long mostBusy = 0;
        for (Instant at : cuts) {
            long busy = sumAt(candidate.busy(), at);
            long limit = Math.min(candidate.capacityDeciKw(), leastAt(candidate.limits(), at));
            least = Math.min(least, limit - busy);
            mostBusy = Math.max(mostBusy, busy);
        }
        return new FreeCapacity(Math.max(0, least), mostBusy);
    }

    /** Each window's edges inside the stretch: between two cuts nothing changes, so checking each cut is enough. */
    private static void addCuts(TreeSet<Instant> cuts, List<Window> windows, Instant from, Instant to) {
        for (Window window : windows) {
            if (window.overlaps(from, to)) {
                if (window.start().isAfter(from)) {
                    cuts.add(window.start());
                }
                if (window.end().isBefore(to)) {
                    cuts.add(window.end());
                }
            }
        }
    }

    private static long sumAt(List<Window> windows, Instant at) {
        long sum = 0;
        for (Window window : windows) {
            if (window.covers(at)) {
                sum += window.deciKw();
            }
        }
        return sum;
    }

    private static long leastAt(List<Window> windows, Instant at) {
        long least = Long.MAX_VALUE;
        for (Window window : windows) {
            if (window.covers(at)) {
                least = Math.min(least, window.deciKw());
            }
        }
        return least;
    }
}
