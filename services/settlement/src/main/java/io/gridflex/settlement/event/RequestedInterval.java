package io.gridflex.settlement.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One interval of a DR event as the VTN asked for it.
 *
 * @param start inclusive
 * @param end exclusive
 * @param reductionKw reduction asked for, 6 decimals
 */
public record RequestedInterval(Instant start, Instant end, BigDecimal reductionKw) {
}
