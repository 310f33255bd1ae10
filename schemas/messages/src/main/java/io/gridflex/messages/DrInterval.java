package io.gridflex.messages;

import java.time.Instant;

/**
 * One interval of a DR event.
 *
 * @param start inclusive
 * @param end exclusive
 * @param reductionKw load reduction asked for during the interval, in kW
 */
public record DrInterval(Instant start, Instant end, double reductionKw) {
}
