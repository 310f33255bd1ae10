package io.gridflex.siteagent.execution;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the miners to wake in one restore stage. A stage adds at most {@code stageW} of draw (always at least one
 * miner, or a miner bigger than a stage could never come back), and never a miner whose full draw would take the
 * site's projected steady draw above its import limit: a miner that does not fit is skipped, and a smaller one further
 * down the queue may still fit. Pure.
 */
public final class RestorePlanner {

    /**
     * A miner held asleep that could be woken.
     *
     * @param endpoint the miner
     * @param incrementW how much the site draw grows once it runs at full power again
     */
    public record Releasable(String endpoint, double incrementW) {
    }

    private RestorePlanner() {
    }

    /**
     * @param queue miners waiting to be woken, in the order they should come back
     * @param projectedSiteW the site's steady draw once every miner already running or waking is at full power
     * @param stageW most draw one stage may add
     * @param maxImportW the site's import limit
     */
    public static List<Releasable> nextStage(List<Releasable> queue, double projectedSiteW, double stageW,
            double maxImportW) {
        List<Releasable> stage = new ArrayList<>();
        double added = 0;
        for (Releasable miner : queue) {
            double increment = Math.max(0, miner.incrementW());
            if (projectedSiteW + added + increment > maxImportW) {
                continue;
            }
            if (!stage.isEmpty() && added + increment > stageW) {
                continue;
            }
            stage.add(miner);
            added += increment;
        }
        return stage;
    }
}
