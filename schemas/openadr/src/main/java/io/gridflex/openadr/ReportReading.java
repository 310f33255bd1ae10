package io.gridflex.openadr;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One reported value: data point {@code rId} over {@code [start, start + duration)}, in the data point's units.
 *
 * @param dataQuality an {@code oadrDataQuality} such as {@code Quality Good - Non Specific}, or null to leave it out
 */
public record ReportReading(Instant start, Duration duration, String rId, float value, String dataQuality) {

    public ReportReading {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(rId, "rId");
    }

    /** A reading without a stated data quality. */
    public ReportReading(Instant start, Duration duration, String rId, float value) {
        this(start, duration, rId, value, null);
    }
}
