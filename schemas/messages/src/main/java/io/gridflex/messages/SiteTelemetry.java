package io.gridflex.messages;

import java.time.Instant;

/**
 * Metered power of one site over one reporting interval. Intervals of one site do not overlap; a repeated interval
 * (same site and start) is a duplicate and carries the same figures.
 *
 * @param siteId the site
 * @param intervalStart inclusive
 * @param intervalEnd exclusive
 * @param averageKw mean site draw over the interval, in kW
 * @param energyKwh energy drawn over the interval, in kWh
 * @param sheddableKw draw of the miners that could be stopped right now, in kW
 * @param maxImportKw the site's import limit, in kW
 * @param minersTotal miners the agent drives
 * @param minersRunning miners hashing at the end of the interval
 * @param activeCommandId the command being executed, or null
 */
public record SiteTelemetry(
        String siteId,
        Instant intervalStart,
        Instant intervalEnd,
        double averageKw,
        double energyKwh,
        double sheddableKw,
        double maxImportKw,
        int minersTotal,
        int minersRunning,
        String activeCommandId) {
}
