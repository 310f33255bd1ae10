package io.gridflex.siteagent.schedule;

import java.time.Instant;
import java.util.Collection;

/**
 * A miner the agent put to sleep, or trimmed to a power target, and is responsible for bringing back.
 *
 * @param endpoint the miner's API endpoint
 * @param runningW its draw when it was stopped or trimmed: what it adds back when it runs in full again
 * @param heldSince when it was told to sleep or to hold its target
 * @param wokenAt when it was told to wake up (or to run in full again), or null while its reduction is meant to hold
 * @param targetW the power target it was trimmed to, or null for a miner put to sleep
 */
public record HeldMiner(String endpoint, double runningW, Instant heldSince, Instant wokenAt, Double targetW) {

    /** A miner put to sleep. */
    public HeldMiner(String endpoint, double runningW, Instant heldSince, Instant wokenAt) {
        this(endpoint, runningW, heldSince, wokenAt, null);
    }

    /** Whether its reduction is meant to hold: asleep, or trimmed, and not yet told to come back. */
    public boolean isAsleep() {
        return wokenAt == null;
    }

    /** Whether it was trimmed to a power target rather than put to sleep: it hashes while held. */
    public boolean trimmed() {
        return targetW != null;
    }

    /** What stopping (or trimming) it removed from the site's draw: its draw then, less what it draws now. */
    public double reductionW(double sleepW) {
        return Math.max(0, runningW - (targetW == null ? sleepW : targetW));
    }

    /** The same miner held again (its wake failed): its reduction holds once more. */
    public HeldMiner heldAgain() {
        return new HeldMiner(endpoint, runningW, heldSince, null, targetW);
    }

    /** The reduction the miners of {@code held} that are asleep hold off together. */
    public static double reductionW(Collection<HeldMiner> held, double sleepW) {
        return held.stream().filter(HeldMiner::isAsleep).mapToDouble(h -> h.reductionW(sleepW)).sum();
    }

    HeldMiner wokenAt(Instant at) {
        return new HeldMiner(endpoint, runningW, heldSince, at, targetW);
    }
}
