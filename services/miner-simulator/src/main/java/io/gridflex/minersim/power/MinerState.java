package io.gridflex.minersim.power;

/** What a miner is doing, as its operator would describe it. */
public enum MinerState {
    /** Hashing at full power. */
    RUNNING,
    /** Hashboards off; draw falls to the control board's within the sleep ramp and stays there. */
    SLEEPING,
    /** Woken up and ramping its boards back to full power; hashing at a growing rate. */
    WAKING
}
