package io.gridflex.settlement.method;

import java.util.Objects;

/**
 * How a program turns a baseline into delivered energy and a performance factor.
 *
 * @param floorIntervals a negative delivery in an interval counts as zero
 * @param floorEventTotal a negative delivered total of the event counts as zero
 * @param averaging how the event's performance factor is formed from its intervals
 */
public record PerformanceRules(boolean floorIntervals, boolean floorEventTotal, Averaging averaging) {

    public PerformanceRules {
        Objects.requireNonNull(averaging, "averaging");
    }

    public enum Averaging {
        /** The mean of the intervals' factors, each weighted by its hours inside the event. */
        MEAN,
        /** Delivered energy over committed energy for the whole event, at most 1. */
        ENERGY_WEIGHTED
    }
}
