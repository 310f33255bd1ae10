package io.gridflex.settlement.delivery;

import java.math.BigDecimal;
import java.util.List;

import io.gridflex.settlement.event.SettlementEvent;

/**
 * An event's delivery, site by site.
 *
 * @param event the event as last modified, with the signal it sent
 * @param baselineWindow the baseline window used before each shed episode, ISO-8601 duration
 * @param minimumCoverage the share of a window that must be metered for a figure to be stated
 * @param totals what the event delivered in total: the sum of the sites' rounded figures
 * @param sites every site whose schedule ever held a contribution of the event, by site id
 */
public record EventDelivery(
        SettlementEvent event,
        String baselineWindow,
        BigDecimal minimumCoverage,
        EventTotals totals,
        List<SiteDelivery> sites) {
}
