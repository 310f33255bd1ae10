package io.gridflex.openadr;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** One reported value: data point {@code rId} over {@code [start, start + duration)}, in the data point's units. */
public record ReportReading(Instant start, Duration duration, String rId, float value) {

    public ReportReading {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(rId, "rId");
    }
}
