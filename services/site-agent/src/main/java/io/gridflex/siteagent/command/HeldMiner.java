package io.gridflex.siteagent.command;

import java.time.Instant;

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

    HeldMiner wokenAt(Instant at) {
        return new HeldMiner(endpoint, runningW, heldSince, at);
    }
}
