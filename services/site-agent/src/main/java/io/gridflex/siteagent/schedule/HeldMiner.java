package io.gridflex.siteagent.schedule;

import java.time.Instant;
import java.util.Collection;

/**
 * A miner the agent put to sleep and is responsible for bringing back.
 *
 * @param endpoint the miner's API endpoint
 * @param runningW its draw when it was stopped: what it adds back when it runs again
 * @param heldSince when it was told to sleep
 * @param wokenAt when it was told to wake up, or null while it is meant to sleep
 */
public record HeldMiner(String endpoint, double runningW, Instant heldSince, Instant wokenAt) {

    public boolean isAsleep() {
        return wokenAt == null;
    }

    /** What stopping it removed from the site's draw: its draw when stopped, less what it draws asleep. */
    public double reductionW(double sleepW) {
        return Math.max(0, runningW - sleepW);
    }

    /** The reduction the miners of {@code held} that are asleep hold off together. */
    public static double reductionW(Collection<HeldMiner> held, double sleepW) {
        return held.stream().filter(HeldMiner::isAsleep).mapToDouble(h -> h.reductionW(sleepW)).sum();
    }

    HeldMiner wokenAt(Instant at) {
        return new HeldMiner(endpoint, runningW, heldSince, at);
    }
}
