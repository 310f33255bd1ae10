package io.gridflex.settlement.delivery;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.gridflex.settlement.attribution.SiteAttribution;
import io.gridflex.settlement.baseline.Decimals;
import io.gridflex.settlement.baseline.SettlementStatus;

/**
 * What an event delivered across its sites. The total adds the sites' rounded kWh, so the site lines of a statement
 * add up to it exactly; sites without a baseline add nothing and are counted under their status instead.
 *
 * @param deliveredKwh sum of the sites' delivered kWh, 3 decimals
 * @param deliveredMwh the same in MWh, 6 decimals
 * @param sites how many sites took part
 * @param sitesByStatus how many sites are in each settlement status, every status listed
 * @param complete true when every site's figures are final (COMPLETE or NO_DELIVERY_WINDOW)
 */
public record EventTotals(
        BigDecimal deliveredKwh,
        BigDecimal deliveredMwh,
        int sites,
        Map<SettlementStatus, Integer> sitesByStatus,
        boolean complete) {

    static EventTotals of(Collection<SiteAttribution> settlements) {
        BigDecimal kwh = Decimals.kwh(BigDecimal.ZERO);
        Map<SettlementStatus, Integer> byStatus = new LinkedHashMap<>();
        for (SettlementStatus status : SettlementStatus.values()) {
            byStatus.put(status, 0);
        }
        for (SiteAttribution settlement : settlements) {
            byStatus.merge(settlement.status(), 1, Integer::sum);
            if (settlement.hasDelivery()) {
                kwh = kwh.add(settlement.deliveredKwh());
            }
        }
        boolean complete = byStatus.get(SettlementStatus.PARTIAL) == 0
                && byStatus.get(SettlementStatus.INSUFFICIENT_DATA) == 0;
        return new EventTotals(kwh, Decimals.mwh(kwh), settlements.size(), Collections.unmodifiableMap(byStatus),
                complete);
    }
}
