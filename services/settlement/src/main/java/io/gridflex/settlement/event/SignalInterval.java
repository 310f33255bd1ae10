package io.gridflex.settlement.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One interval of a DR event's signal as the VTN sent it.
 *
 * @param start inclusive
 * @param end exclusive
 * @param value the signal's value, read as the event's signal kind says; exact, as sent
 */
public record SignalInterval(Instant start, Instant end, BigDecimal value) {
}
