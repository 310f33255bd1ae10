package io.gridflex.settlement.meter;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What is wrong with a site's metering over a range, by rule: where nothing was metered, where telemetry covered too
 * little of the site to be counted, and which reports conflicted with a stored interval (kept, never stored over it).
 * Each list holds the first {@code limit} findings in time order; its {@code count} is the whole number.
 *
 * @param minimumSiteCoverage the share of the site below which an interval is listed in {@code lowCoverage}
 */
public record DataQuality(String siteId, Instant from, Instant to, BigDecimal minimumSiteCoverage, Gaps gaps,
        Findings<LowCoverage> lowCoverage, Findings<Conflict> conflicts) {

    /** Spans of the range without any metered interval. */
    public record Gaps(int count, long seconds, List<Span> first) {
    }

    public record Span(Instant start, Instant end) {
    }

    public record Findings<T>(int count, List<T> first) {
    }

    /** A stored interval whose figures cover less of the site than the minimum. */
    public record LowCoverage(Instant start, Instant end, String source, BigDecimal coverage) {
    }

    /** A report that met a stored interval with other figures, and the stored interval it met. */
    public record Conflict(Instant start, Instant end, BigDecimal averageKw, BigDecimal energyKwh, String source,
            BigDecimal coverage, Instant storedStart, Instant storedEnd, Instant receivedAt) {
    }
}
