package io.gridflex.settlement.delivery;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.gridflex.settlement.attribution.EpisodeShare;
import io.gridflex.settlement.attribution.ShareLine;
import io.gridflex.settlement.attribution.ShareWindow;
import io.gridflex.settlement.attribution.SiteAttribution;
import io.gridflex.settlement.baseline.SettlementStatus;

/**
 * One site's delivery for one event, as the API shows it. Energy in kWh (3 decimals) and MWh (6), power in kW (3),
 * coverage as a fraction (4); null where {@link SettlementStatus} says no honest figure exists.
 *
 * @param siteId the site
 * @param status how far the figures can be trusted
 * @param baselineWindowStart baseline window of the first shed episode that held the event (see {@code episodes} for
 *        every one); null when there is none
 * @param baselineWindowEnd its end: that episode's start
 * @param baselineCoverage share of it metered
 * @param baselineKw the baseline
 * @param deliveryStart start of the first window in which the event's contribution was in force
 * @param deliveryEnd end of the last one
 * @param deliveryCoverage share of the windows metered
 * @param deliveredKwh the event's share of what the site delivered
 * @param deliveredMwh the same in MWh
 * @param averageDeliveredKw delivered energy over the metered hours of the windows
 * @param episodes the site's shed episodes that held the event, each with its baseline and the site's whole delivery
 * @param windows where the event's contribution was in force, with its kW and its share of the site's reduction
 * @param intervals per-interval detail
 */
public record SiteDelivery(
        String siteId,
        SettlementStatus status,
        Instant baselineWindowStart,
        Instant baselineWindowEnd,
        BigDecimal baselineCoverage,
        BigDecimal baselineKw,
        Instant deliveryStart,
        Instant deliveryEnd,
        BigDecimal deliveryCoverage,
        BigDecimal deliveredKwh,
        BigDecimal deliveredMwh,
        BigDecimal averageDeliveredKw,
        List<EpisodeShare> episodes,
        List<ShareWindow> windows,
        List<ShareLine> intervals) {

    static SiteDelivery of(String siteId, SiteAttribution attribution) {
        EpisodeShare first = attribution.episodes().isEmpty() ? null : attribution.episodes().getFirst();
        List<ShareWindow> windows = attribution.windows();
        return new SiteDelivery(
                siteId,
                attribution.status(),
                first == null ? null : first.baselineWindowStart(),
                first == null ? null : first.baselineWindowEnd(),
                first == null ? null : first.baselineCoverage(),
                first == null ? null : first.baselineKw(),
                windows.isEmpty() ? null : windows.getFirst().start(),
                windows.isEmpty() ? null : windows.getLast().end(),
                attribution.deliveryCoverage(),
                attribution.deliveredKwh(),
                attribution.deliveredMwh(),
                attribution.averageDeliveredKw(),
                attribution.episodes(),
                windows,
                attribution.intervals());
    }
}
