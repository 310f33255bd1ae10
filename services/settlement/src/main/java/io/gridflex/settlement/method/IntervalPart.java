package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How much of one settlement interval counts for one event at one site. The event's share of what the site delivered
 * is {@code eventWeight / totalWeight}, kept as two exact numbers (kW × time of its contribution and of all
 * contributions) so that a share such as a third is never rounded before it multiplies the delivery.
 *
 * @param hours the interval's hours that count (inside the event, or inside the pieces of the site's schedule that
 *        held the event)
 * @param eventWeight the event's weight in those hours, not negative
 * @param totalWeight every contribution's weight in those hours, at least {@code eventWeight} and positive
 * @param committedKw the reduction committed for the event there (its allocated kW, averaged over those hours); for a
 *        firm service level, ignored
 */
public record IntervalPart(BigDecimal hours, BigDecimal eventWeight, BigDecimal totalWeight, BigDecimal committedKw) {

    public IntervalPart {
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(eventWeight, "eventWeight");
        Objects.requireNonNull(totalWeight, "totalWeight");
        Objects.requireNonNull(committedKw, "committedKw");
        if (hours.signum() <= 0 || eventWeight.signum() < 0 || totalWeight.signum() <= 0
                || eventWeight.compareTo(totalWeight) > 0) {
            throw new IllegalArgumentException("a part needs positive hours and a share in [0, 1]: " + this);
        }
    }

    /** The whole interval's delivery, for an event alone at the site. */
    public static IntervalPart whole(BigDecimal hours, BigDecimal committedKw) {
        return new IntervalPart(hours, BigDecimal.ONE, BigDecimal.ONE, committedKw);
    }

    public boolean shared() {
        return eventWeight.compareTo(totalWeight) != 0;
    }
}
