package io.gridflex.openadr;

import java.time.Duration;
import java.util.Objects;

/**
 * One interval of a LOAD_DISPATCH event: for how long, and the change in load in megawatts (negative reduces
 * consumption, positive increases it).
 */
public record DispatchInterval(Duration duration, double deltaMegawatts) {

    public DispatchInterval {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a dispatch interval lasts a positive time, got " + duration);
        }
    }
}
