package io.gridflex.settlement.meter;

import java.math.BigDecimal;
import java.time.Instant;

import io.gridflex.settlement.baseline.MeteredInterval;

/**
 * One stored interval of a site's metered draw.
 *
 * @param siteId the site
 * @param intervalStart inclusive
 * @param intervalEnd exclusive
 * @param averageKw mean draw over the interval, 6 decimals
 * @param energyKwh energy drawn over the interval, 6 decimals
 * @param activeCommandId the command the site was executing, or null
 */
public record MeterInterval(
        String siteId,
        Instant intervalStart,
        Instant intervalEnd,
        BigDecimal averageKw,
        BigDecimal energyKwh,
        String activeCommandId) {

    /** True when {@code other} states the same span and the same figures: a re-sent copy of this interval. */
    public boolean sameFiguresAs(MeterInterval other) {
        return intervalStart.equals(other.intervalStart)
                && intervalEnd.equals(other.intervalEnd)
                && averageKw.compareTo(other.averageKw) == 0
                && energyKwh.compareTo(other.energyKwh) == 0;
    }

    public MeteredInterval toMetered() {
        return new MeteredInterval(intervalStart, intervalEnd, energyKwh);
    }
}
