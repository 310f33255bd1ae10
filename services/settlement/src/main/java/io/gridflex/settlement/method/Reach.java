package io.gridflex.settlement.method;

import java.time.Duration;
import java.util.Objects;

/**
 * What of a site's load a baseline method reads for an event interval (an episode): from {@code before} ahead of its
 * start to its end on the event day, and the same local hours on each of the {@code daysBack} days before it. A
 * statement reads exactly that much of each site's metered data, not the whole look-back.
 *
 * @param before how long before the event's start the method looks on the event day (an adjustment or baseline window)
 * @param daysBack how many days before the event day it reads the same local hours (like days, a comparison day)
 */
public record Reach(Duration before, int daysBack) {

    /** The event hours of the event day alone. */
    public static final Reach EVENT_ONLY = new Reach(Duration.ZERO, 0);

    public Reach {
        Objects.requireNonNull(before, "before");
        if (before.isNegative() || daysBack < 0) {
            throw new IllegalArgumentException("a reach looks back, not ahead: " + before + ", " + daysBack + " days");
        }
    }
}
