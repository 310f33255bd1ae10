package io.gridflex.messages;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One interval of a DR event's signal.
 *
 * @param start inclusive
 * @param end exclusive
 * @param value the signal's value over the interval, read as {@link DrEvent#signal()} says; exact, never rounded
 */
public record DrInterval(Instant start, Instant end, BigDecimal value) {
}
