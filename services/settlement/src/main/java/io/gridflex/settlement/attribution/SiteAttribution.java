package io.gridflex.settlement.attribution;

import java.math.BigDecimal;
import java.util.List;

import io.gridflex.settlement.baseline.SettlementStatus;

/**
 * What one site delivered for one event. Figures that cannot be stated honestly (see {@link SettlementStatus}) are
 * null rather than guessed.
 *
 * @param status how far the figures can be trusted
 * @param episodes the site's shed episodes that held a contribution of the event, in time order
 * @param windows where the event's contributions were in force, in time order
 * @param deliveryCoverage share of the windows covered by metered intervals, 4 decimals; null without windows
 * @param deliveredKwh the event's delivered energy at the site, 3 decimals: the sum of its rounded episode figures;
 *        null without a baseline
 * @param deliveredMwh the same in MWh, 6 decimals
 * @param averageDeliveredKw delivered energy over the metered hours of the windows, 3 decimals; null without a
 *        baseline or without metered time
 * @param intervals per-interval detail, in time order
 */
public record SiteAttribution(
        SettlementStatus status,
        List<EpisodeShare> episodes,
        List<ShareWindow> windows,
        BigDecimal deliveryCoverage,
        BigDecimal deliveredKwh,
        BigDecimal deliveredMwh,
        BigDecimal averageDeliveredKw,
        List<ShareLine> intervals) {

    public SiteAttribution {
        episodes = List.copyOf(episodes);
        windows = List.copyOf(windows);
        intervals = List.copyOf(intervals);
    }

    /** True when the delivered figures may be added into an event total. */
    public boolean hasDelivery() {
        return deliveredKwh != null;
    }
}
