package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.gridflex.settlement.baseline.TimeWindow;

/**
 * A like-day baseline's day-of adjustment: how the site's own load on the event day, over a window before the event,
 * corrects the like days' average.
 *
 * @param kind none, additive or multiplicative
 * @param startBefore how long before the event start the window starts
 * @param length the window's length
 * @param lowest the lowest ratio applied (multiplicative only); null for no lower bound
 * @param highest the highest ratio applied (multiplicative only); null for no upper bound
 */
public record Adjustment(Kind kind, Duration startBefore, Duration length, BigDecimal lowest, BigDecimal highest) {

    public static final Adjustment NONE = new Adjustment(Kind.NONE, Duration.ZERO, Duration.ZERO, null, null);

    public Adjustment {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startBefore, "startBefore");
        Objects.requireNonNull(length, "length");
        if (kind != Kind.NONE && (length.isNegative() || length.isZero() || length.compareTo(startBefore) > 0)) {
            throw new IllegalArgumentException(
                    "an adjustment window must be positive and end by the event start: starts " + startBefore
                            + " before, lasts " + length);
        }
        if (kind != Kind.MULTIPLICATIVE && (lowest != null || highest != null)) {
            throw new IllegalArgumentException("only a multiplicative adjustment is clamped");
        }
        if (lowest != null && highest != null && lowest.compareTo(highest) > 0) {
            throw new IllegalArgumentException("clamp " + lowest + " is above " + highest);
        }
    }

    public static Adjustment additive(Duration startBefore, Duration length) {
        return new Adjustment(Kind.ADDITIVE, startBefore, length, null, null);
    }

    public static Adjustment multiplicative(Duration startBefore, Duration length, BigDecimal lowest,
            BigDecimal highest) {
        return new Adjustment(Kind.MULTIPLICATIVE, startBefore, length, lowest, highest);
    }

    /** The window on the event day for an event starting at {@code eventStart}. */
    public TimeWindow window(Instant eventStart) {
        Instant from = eventStart.minus(startBefore);
        return new TimeWindow(from, from.plus(length));
    }

    /** {@code ratio} within the bounds. */
    public BigDecimal clamp(BigDecimal ratio) {
        BigDecimal clamped = ratio;
        if (lowest != null && clamped.compareTo(lowest) < 0) {
            clamped = lowest;
        }
        if (highest != null && clamped.compareTo(highest) > 0) {
            clamped = highest;
        }
        return clamped;
    }

    public enum Kind {
        NONE,
        /** {@code adjusted = baseline + (mean actual − mean baseline)} over the window; may be negative. */
        ADDITIVE,
        /** {@code adjusted = baseline × clamp(mean actual / mean baseline)} over the window. */
        MULTIPLICATIVE
    }
}
