package io.gridflex.settlement.attribution;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What one metered interval contributes to one event's delivery inside one piece of the effective schedule. Energy
 * figures have 6 decimals of a kWh; they may differ from the event's figure in the last place, which is rounded once.
 *
 * @param intervalStart start of the metered interval
 * @param intervalEnd end of the metered interval
 * @param overlapStart start of the part inside the piece
 * @param overlapEnd end of the part inside the piece
 * @param meteredKwh the site's metered energy over the overlap
 * @param baselineKwh the baseline's energy over the overlap; null without a baseline
 * @param deliveredKwh what the site delivered over the overlap, for everyone; null without a baseline
 * @param share the event's share of it, 6 decimals
 * @param attributedKwh the event's part of {@code deliveredKwh}; null without a baseline
 */
public record ShareLine(
        Instant intervalStart,
        Instant intervalEnd,
        Instant overlapStart,
        Instant overlapEnd,
        BigDecimal meteredKwh,
        BigDecimal baselineKwh,
        BigDecimal deliveredKwh,
        BigDecimal share,
        BigDecimal attributedKwh) {
}
