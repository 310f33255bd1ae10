package io.gridflex.settlement.delivery;

import java.math.BigDecimal;
import java.util.List;

import io.gridflex.settlement.event.SettlementEvent;

/**
 * An event's delivery, site by site.
 *
 * @param event the event as last modified, with the reduction it asked for
 * @param baselineWindow the baseline window used, ISO-8601 duration
 * @param minimumCoverage the share of a window that must be metered for a figure to be stated
 * @param totals what the event delivered in total
 * @param sites every site that took part, by site id
 */
public record EventDelivery(
        SettlementEvent event,
        String baselineWindow,
        BigDecimal minimumCoverage,
        EventTotals totals,
        List<SiteDelivery> sites) {
}
