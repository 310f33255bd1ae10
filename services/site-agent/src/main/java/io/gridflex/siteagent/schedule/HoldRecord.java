package io.gridflex.siteagent.schedule;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One change to the miners the agent is responsible for, as the hold journal keeps it. Each one sets one miner's
 * entry to a value (or removes it), so replaying a journal onto a state that already has its changes changes
 * nothing.
 *
 * @param op what changed
 * @param endpoint the miner
 * @param runningW its draw when it was stopped (INTEND, HOLD), else null
 * @param at when it was chosen (INTEND), stopped (HOLD) or told to wake (WAKE), else null
 * @param targetW the power target it is (to be) trimmed to (INTEND, HOLD), else null: null for a sleep, and in
 *        journals written before trimming existed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HoldRecord(Op op, String endpoint, Double runningW, Instant at, Double targetW) {

    public HoldRecord(Op op, String endpoint, Double runningW, Instant at) {
        this(op, endpoint, runningW, at, null);
    }

    public enum Op {
        /** About to be told to sleep (or to hold a power target); outcome unknown. */
        INTEND,
        /** Asleep (or trimmed) by the agent's command; the agent must bring it back. */
        HOLD,
        /** An intent settled without the miner sleeping. */
        DROP,
        /** Told to wake up; still held until it runs again. */
        WAKE,
        /** Back (or given up on): no longer the agent's to bring back. */
        RELEASE
    }

    public static HoldRecord intend(PendingSleep pending) {
        return new HoldRecord(Op.INTEND, pending.endpoint(), pending.runningW(), pending.at(), pending.targetW());
    }

    public static HoldRecord hold(HeldMiner miner) {
        return new HoldRecord(Op.HOLD, miner.endpoint(), miner.runningW(), miner.heldSince(), miner.targetW());
    }

    public static HoldRecord drop(String endpoint) {
        return new HoldRecord(Op.DROP, endpoint, null, null);
    }

    public static HoldRecord wake(String endpoint, Instant at) {
        return new HoldRecord(Op.WAKE, endpoint, null, at);
    }

    public static HoldRecord release(String endpoint) {
        return new HoldRecord(Op.RELEASE, endpoint, null, null);
    }
}
