package io.gridflex.settlement.meter;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import io.gridflex.messages.SiteTelemetry;
import io.gridflex.settlement.baseline.MeteredInterval;

/**
 * One stored interval of a site's metered draw.
 *
 * @param siteId the site
 * @param intervalStart inclusive
 * @param intervalEnd exclusive
 * @param averageKw mean draw over the interval, 6 decimals
 * @param energyKwh energy drawn over the interval, 6 decimals
 * @param scheduleRevision the schedule revision the agent executed, or null
 * @param source where the figures come from; null for intervals stored before telemetry stated it
 * @param coverage share of the site's miners the figures include, 6 decimals; null for intervals stored before
 *        telemetry stated it
 */
public record MeterInterval(
        String siteId,
        Instant intervalStart,
        Instant intervalEnd,
        BigDecimal averageKw,
        BigDecimal energyKwh,
        Long scheduleRevision,
        SiteTelemetry.Source source,
        BigDecimal coverage) {

    /**
     * True when {@code other} states the same span and the same figures: a re-sent copy of this interval. Every
     * figure stored counts, so a copy that differs only in its coverage is a conflicting report, not a duplicate.
     */
    public boolean sameFiguresAs(MeterInterval other) {
        return intervalStart.equals(other.intervalStart)
                && intervalEnd.equals(other.intervalEnd)
                && averageKw.compareTo(other.averageKw) == 0
                && energyKwh.compareTo(other.energyKwh) == 0
                && Objects.equals(scheduleRevision, other.scheduleRevision)
                && source == other.source
                && compare(coverage, other.coverage);
    }

    public MeteredInterval toMetered() {
        return new MeteredInterval(intervalStart, intervalEnd, energyKwh);
    }

    private static boolean compare(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
