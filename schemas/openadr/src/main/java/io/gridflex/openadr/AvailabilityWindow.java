package io.gridflex.openadr;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A period an opt schedule applies to. */
public record AvailabilityWindow(Instant start, Duration duration) {

    public AvailabilityWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
    }
}
