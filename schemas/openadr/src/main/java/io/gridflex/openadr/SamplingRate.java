package io.gridflex.openadr;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a VEN can sample the data points of a metadata report ({@code oadrSamplingRate}): a VTN requests a
 * granularity between {@code minPeriod} and {@code maxPeriod}.
 *
 * @param onChange whether the VEN can also report whenever a value changes
 */
public record SamplingRate(Duration minPeriod, Duration maxPeriod, boolean onChange) {

    public SamplingRate {
        Objects.requireNonNull(minPeriod, "minPeriod");
        Objects.requireNonNull(maxPeriod, "maxPeriod");
        if (minPeriod.isNegative() || maxPeriod.compareTo(minPeriod) < 0) {
            throw new IllegalArgumentException("sampling periods " + minPeriod + ".." + maxPeriod + " are no range");
        }
    }
}
