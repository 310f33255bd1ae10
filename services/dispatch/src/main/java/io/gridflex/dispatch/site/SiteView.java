package io.gridflex.dispatch.site;

import java.time.Instant;

/**
 * A site as dispatch knows it from its latest telemetry.
 *
 * @param siteId the site
 * @param sheddableKw what it reported it could shed, in kW
 * @param maxImportKw its import limit, in kW
 * @param averageKw its mean draw over the latest interval, in kW
 * @param minersTotal miners its agent drives
 * @param minersRunning miners hashing at the end of the latest interval
 * @param activeCommandId the command it reported executing, or null
 * @param intervalEnd end of the latest reported interval
 * @param firstSeenAt when dispatch first heard of the site
 * @param lastSeenAt when dispatch received the latest telemetry
 * @param ageSeconds how old the latest interval end is, in seconds
 * @param fresh whether the site gets a share of new events
 */
public record SiteView(
        String siteId,
        double sheddableKw,
        double maxImportKw,
        double averageKw,
        int minersTotal,
        int minersRunning,
        String activeCommandId,
        Instant intervalEnd,
        Instant firstSeenAt,
        Instant lastSeenAt,
        long ageSeconds,
        boolean fresh) {
}
