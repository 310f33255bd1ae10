package io.gridflex.minersim.fleet;

import java.time.Instant;

/**
 * One curtail command a miner accepted and acted on, in the order received: the record tests read to see what a
 * controller really did (how many miners it stopped, when each stage of a restore woke them).
 *
 * @param at when the miner acted
 * @param action {@code sleep} or {@code wakeup}; also {@code power-target <W>} when a miner changed its awake draw,
 *        and {@code sleep-ignored} or {@code power-target-ignored} when a miner that ignores sheds acknowledged one
 */
public record CurtailEvent(Instant at, String action) {
}
