package io.gridflex.settlement.meter;

import java.time.Instant;
import java.util.List;

/**
 * One page of a site's metered intervals overlapping a queried range.
 *
 * @param siteId the site
 * @param from inclusive start of the range asked for
 * @param to exclusive end of the range asked for
 * @param intervals the intervals of this page, in time order
 * @param nextAfter when more intervals follow, the value of {@code after} that asks for the next page; null on the
 *        last page
 */
public record SiteIntervals(String siteId, Instant from, Instant to, List<MeterInterval> intervals,
        Instant nextAfter) {
}
