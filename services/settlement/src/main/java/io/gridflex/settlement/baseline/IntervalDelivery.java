package io.gridflex.settlement.baseline;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What one metered interval contributes to a site's delivery: only the part of it inside the delivery window counts.
 * Energy figures have 6 decimals of a kWh.
 *
 * @param intervalStart start of the metered interval
 * @param intervalEnd end of the metered interval
 * @param overlapStart start of the part inside the delivery window
 * @param overlapEnd end of the part inside the delivery window
 * @param meteredKwh interval energy times the share of the interval inside the window
 * @param baselineKwh baseline kW times the overlap in hours; null without a baseline
 * @param deliveredKwh {@code baselineKwh - meteredKwh}, negative when the site drew more than its baseline; null
 *        without a baseline
 */
public record IntervalDelivery(
        Instant intervalStart,
        Instant intervalEnd,
        Instant overlapStart,
        Instant overlapEnd,
        BigDecimal meteredKwh,
        BigDecimal baselineKwh,
        BigDecimal deliveredKwh) {
}
