package io.gridflex.siteagent.schedule;

/**
 * A miner the agent is about to tell, or told, to sleep, whose outcome it does not know yet: the command may still be
 * on its way, may have timed out after the miner obeyed, or the agent may have died in between. Recorded before the
 * command is sent, so that a miner the agent put to sleep is always one it knows about. A reading newer than the
 * intent settles it: the miner is found asleep and becomes held, or found hashing and the intent is dropped.
 *
 * @param endpoint the miner
 * @param runningW its draw when it was chosen: what it adds back when it runs again
 * @param at when the intent was recorded
 * @param targetW the power target it is to be trimmed to, or null for a sleep
 */
public record PendingSleep(String endpoint, double runningW, java.time.Instant at, Double targetW) {

    /** A miner about to be told to sleep. */
    public PendingSleep(String endpoint, double runningW, java.time.Instant at) {
        this(endpoint, runningW, at, null);
    }
}
