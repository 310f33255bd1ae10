package io.gridflex.settlement.attribution;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One shed episode of a site, as far as one event is concerned: its baseline, what the site delivered over it, and
 * the event's part of that.
 *
 * @param start when the site began holding a reduction
 * @param end when it held none any more (as scheduled: may lie ahead)
 * @param startKnown false when the site was still shedding as far back as settlement looks: no baseline is stated
 * @param baselineWindowStart start of the baseline window; null when the start is not known
 * @param baselineWindowEnd end of the baseline window, the episode start; null when the start is not known
 * @param baselineCoverage share of the baseline window metered, 4 decimals; null when the start is not known
 * @param baselineKw the baseline, 3 decimals; null when it cannot be stated
 * @param siteDeliveredKwh what the site delivered over the episode for everyone, 3 decimals; null without a baseline
 * @param deliveredKwh the event's part of it, 3 decimals; null without a baseline
 */
public record EpisodeShare(
        Instant start,
        Instant end,
        boolean startKnown,
        Instant baselineWindowStart,
        Instant baselineWindowEnd,
        BigDecimal baselineCoverage,
        BigDecimal baselineKw,
        BigDecimal siteDeliveredKwh,
        BigDecimal deliveredKwh) {
}
