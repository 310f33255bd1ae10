package io.gridflex.settlement.meter;

import java.time.Instant;
import java.util.List;

/**
 * A site's metered intervals overlapping a queried range.
 *
 * @param siteId the site
 * @param from inclusive start of the range asked for
 * @param to exclusive end of the range asked for
 * @param intervals the intervals, in time order
 */
public record SiteIntervals(String siteId, Instant from, Instant to, List<MeterInterval> intervals) {
}
