package io.gridflex.messages;

import java.time.Instant;

/**
 * Metered power and state of one site over one reporting interval. Intervals of one site do not overlap; a repeated
 * interval (same site and start) is a duplicate and carries the same figures.
 *
 * @param siteId the site
 * @param intervalStart inclusive
 * @param intervalEnd exclusive
 * @param averageKw mean draw of the whole site over the interval, in kW
 * @param energyKwh energy the whole site drew over the interval, in kWh
 * @param miningKw mean draw of the mining load, in kW; null when unknown
 * @param dataCentreKw mean draw of a co-located data centre, in kW; null when the site has none or it is not metered
 * @param sheddableKw draw of the miners that could be stopped right now, in kW
 * @param shedKw load the agent holds off at the end of the interval (the draw of the miners it holds stopped), in kW
 * @param targetShedKw what the schedule asks the site to hold off at the end of the interval, in kW
 * @param maxImportKw the site's import limit, in kW
 * @param miners the miners by state at the end of the interval
 * @param hashrateThs the fleet's hashrate at the end of the interval, in TH/s; null when unknown
 * @param efficiencyJPerTh the hashing miners' efficiency, in J/TH; null when unknown
 * @param scheduleRevision the schedule revision the agent executes, or null when it holds none
 * @param source where {@code averageKw} and {@code energyKwh} come from
 * @param coverage the share of the site's miners whose readings the figures include, 0 to 1
 */
public record SiteTelemetry(
        String siteId,
        Instant intervalStart,
        Instant intervalEnd,
        double averageKw,
        double energyKwh,
        Double miningKw,
        Double dataCentreKw,
        double sheddableKw,
        double shedKw,
        double targetShedKw,
        double maxImportKw,
        MinerCounts miners,
        Double hashrateThs,
        Double efficiencyJPerTh,
        Long scheduleRevision,
        Source source,
        double coverage) {

    /** Where a site's power figures come from. */
    public enum Source {
        /** The site's revenue meter. */
        METER,
        /** The sum of the miners' own readings: no meter, so the data centre (if any) is not in them. */
        MINERS
    }

    /**
     * Miners by state.
     *
     * @param total miners the agent drives
     * @param hashing running and hashing
     * @param asleep stopped (sleeping, paused, curtailed) by the agent or anyone else
     * @param unreachable did not answer their latest reading: state and draw unknown
     * @param other answering but neither hashing nor asleep (starting, warming up, failed)
     */
    public record MinerCounts(int total, int hashing, int asleep, int unreachable, int other) {
    }
}
