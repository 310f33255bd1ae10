package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One settlement interval's performance. kW figures have 3 decimals, kWh 6, the factor 6.
 *
 * @param start inclusive
 * @param end exclusive
 * @param hours the interval's hours inside the event
 * @param metered whether the interval is metered; an unmetered one delivers nothing and falls short by the whole
 *        commitment
 * @param deliveredKw adjusted baseline − actual (floored at zero when the program says so)
 * @param committedKw the reduction committed: the commitment, or for a service level the adjusted baseline above it
 * @param shortfallKw how far the site missed: committed − delivered, or for a service level actual − level; not
 *        negative
 * @param factor delivered / committed within [0, 1]; 1 when nothing was committed
 * @param deliveredKwh delivered kW × hours
 * @param committedKwh committed kW × hours
 * @param shortfallKwh shortfall kW × hours
 */
public record PerformanceInterval(Instant start, Instant end, BigDecimal hours, boolean metered,
        BigDecimal deliveredKw, BigDecimal committedKw, BigDecimal shortfallKw, BigDecimal factor,
        BigDecimal deliveredKwh, BigDecimal committedKwh, BigDecimal shortfallKwh) {
}
