package io.gridflex.settlement.baseline;

import java.math.BigDecimal;
import java.util.List;

/**
 * The settlement of one site for one event. Figures that cannot be stated honestly (see {@link SettlementStatus}) are
 * null rather than guessed.
 *
 * @param status how far the figures can be trusted
 * @param baseline the meter-before baseline
 * @param deliveryWindow where delivery was measured: the site's participation inside the event
 * @param deliveryCoverage share of the delivery window covered by metered intervals, 4 decimals; null when the window
 *        is empty
 * @param deliveredKwh delivered energy, 3 decimals; null without a baseline
 * @param deliveredMwh the same in MWh, 6 decimals; null without a baseline
 * @param averageDeliveredKw delivered energy over the metered hours of the window, 3 decimals; null without a
 *        baseline or without metered time
 * @param intervals per-interval detail, in time order
 */
public record SiteSettlement(
        SettlementStatus status,
        Baseline baseline,
        TimeWindow deliveryWindow,
        BigDecimal deliveryCoverage,
        BigDecimal deliveredKwh,
        BigDecimal deliveredMwh,
        BigDecimal averageDeliveredKw,
        List<IntervalDelivery> intervals) {

    public SiteSettlement {
        intervals = List.copyOf(intervals);
    }

    /** True when the delivered figures may be added into an event total. */
    public boolean hasDelivery() {
        return deliveredKwh != null;
    }
}
