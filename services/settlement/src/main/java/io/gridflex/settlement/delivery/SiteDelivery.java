package io.gridflex.settlement.delivery;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.gridflex.settlement.baseline.IntervalDelivery;
import io.gridflex.settlement.baseline.SettlementStatus;
import io.gridflex.settlement.baseline.SiteSettlement;
import io.gridflex.settlement.event.Participation;

/**
 * One site's delivery for one event, as the API shows it. Energy in kWh (3 decimals) and MWh (6), power in kW (3),
 * coverage as a fraction (4); null where {@link SettlementStatus} says no honest figure exists.
 */
public record SiteDelivery(
        String siteId,
        BigDecimal shedKw,
        long commandRevision,
        Instant cancelledAt,
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
        List<IntervalDelivery> intervals) {

    static SiteDelivery of(Participation participation, SiteSettlement settlement) {
        return new SiteDelivery(
                participation.siteId(),
                participation.shedKw(),
                participation.revision(),
                participation.cancelledAt(),
                settlement.status(),
                settlement.baseline().window().start(),
                settlement.baseline().window().end(),
                settlement.baseline().coverage(),
                settlement.baseline().kw(),
                settlement.deliveryWindow().start(),
                settlement.deliveryWindow().end(),
                settlement.deliveryCoverage(),
                settlement.deliveredKwh(),
                settlement.deliveredMwh(),
                settlement.averageDeliveredKw(),
                settlement.intervals());
    }
}
