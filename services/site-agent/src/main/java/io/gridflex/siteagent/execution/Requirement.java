package io.gridflex.siteagent.execution;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.gridflex.messages.ScheduleSegment;
import io.gridflex.siteagent.miner.MinerStatus;
import io.gridflex.siteagent.schedule.HeldMiner;

/**
 * What the site must hold off, and which held miners that needs. A segment asks for its {@code shedKw}; and at every
 * instant, segment or not, the site's import (its non-mining load, such as a data centre, plus mining) must stay under
 * its import limit, or under a segment's lower import cap: when the site would otherwise import more, that much more
 * is required. The draw is judged as if the held miners ran (at their draw when stopped), so the requirement does not
 * move as miners stop or wake. Pure.
 */
public final class Requirement {

    private Requirement() {
    }

    /**
     * The reduction required now, in W.
     *
     * @param segment the segment in force, or null
     * @param otherLoadW the site's non-mining load now
     * @param maxImportW the site's import limit
     */
    public static double requiredW(ScheduleSegment segment, Collection<MinerStatus> miners,
            Collection<HeldMiner> held, double otherLoadW, double maxImportW) {
        double shedW = segment == null ? 0 : segment.shedKw() * 1000;
        double capW = importCapW(segment, maxImportW);
        return Math.max(shedW, Math.max(0, otherLoadW + drawWithoutHeldW(miners, held) - capW));
    }

    /** The most the site may import while {@code segment} (or none) is in force, in W. */
    public static double importCapW(ScheduleSegment segment, double maxImportW) {
        if (segment == null || segment.importCapKw() == null) {
            return maxImportW;
        }
        return Math.min(maxImportW, segment.importCapKw() * 1000);
    }

    /**
     * The site's draw if no miner were held: unheld miners at their latest draw (an unreachable one at its last),
     * held ones, asleep or coming back, at their draw when stopped.
     */
    public static double drawWithoutHeldW(Collection<MinerStatus> miners, Collection<HeldMiner> held) {
        Map<String, HeldMiner> byEndpoint = held.stream()
                .collect(Collectors.toMap(HeldMiner::endpoint, Function.identity(), (a, b) -> b));
        double total = 0;
        for (MinerStatus miner : miners) {
            HeldMiner h = byEndpoint.get(miner.endpoint().toString());
            total += h == null ? miner.powerW() : Math.max(h.runningW(), miner.powerW());
        }
        return total;
    }

    /**
     * The miners of {@code asleep} to keep asleep for {@code requiredW}: as few as cover it, picked as a shed plan
     * picks them, so releasing the others leaves the requirement covered.
     */
    public static List<HeldMiner> keep(List<HeldMiner> asleep, double requiredW, double sleepW) {
        List<ShedPlanner.Candidate> candidates = asleep.stream()
                .map(h -> new ShedPlanner.Candidate(h.endpoint(), h.reductionW(sleepW), true)).toList();
        Set<String> kept = ShedPlanner.plan(candidates, requiredW).stream().map(ShedPlanner.Candidate::endpoint)
                .collect(Collectors.toSet());
        return asleep.stream().filter(h -> kept.contains(h.endpoint())).toList();
    }

    /** The miners of {@code asleep} the requirement does not need: load to bring back. */
    public static List<HeldMiner> surplus(List<HeldMiner> asleep, double requiredW, double sleepW) {
        Set<String> kept = keep(asleep, requiredW, sleepW).stream().map(HeldMiner::endpoint)
                .collect(Collectors.toSet());
        return asleep.stream().filter(h -> !kept.contains(h.endpoint())).toList();
    }
}
