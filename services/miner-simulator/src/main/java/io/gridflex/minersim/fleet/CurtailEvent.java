package io.gridflex.minersim.fleet;

import java.time.Instant;

/**
 * One curtail command a miner accepted and acted on, in the order received: the record tests read to see what a
 * controller really did (how many miners it stopped, when each stage of a restore woke them).
 *
 * @param at when the miner acted
 * @param action {@code sleep} or {@code wakeup}
 */
public record CurtailEvent(Instant at, String action) {
}
