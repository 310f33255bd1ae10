package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One settlement interval of an event at a site. Power is in kW with 3 decimals.
 *
 * @param start inclusive
 * @param end exclusive
 * @param baselineKw the unadjusted baseline; null when none could be stated
 * @param adjustedKw the baseline after the day-of adjustment, the figure delivery is measured against; null when none
 * @param actualKw the site's metered mean; null when the interval is not metered
 */
public record BaselineInterval(Instant start, Instant end, BigDecimal baselineKw, BigDecimal adjustedKw,
        BigDecimal actualKw) {
}
