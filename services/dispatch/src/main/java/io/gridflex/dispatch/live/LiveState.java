package io.gridflex.dispatch.live;

import java.time.Duration;
import java.time.Instant;

import io.gridflex.messages.SiteTelemetry;

/**
 * What a site's agent last reported.
 *
 * @param siteId the site
 * @param intervalStart start of the latest reported interval
 * @param intervalEnd end of the latest reported interval: freshness is judged on it
 * @param siteKw the whole site's mean draw
 * @param miningKw the mining load's mean draw; null when unknown
 * @param dataCentreKw a co-located data centre's mean draw; null when unknown or none
 * @param sheddableKw draw of the miners it could still stop
 * @param shedKw what it holds off
 * @param targetShedKw what its schedule asks it to hold off
 * @param maxImportKw its import limit as its agent knows it
 * @param miners miners by state
 * @param hashrateThs the fleet's hashrate; null when unknown
 * @param efficiencyJPerTh the hashing miners' efficiency; null when unknown
 * @param scheduleRevision the schedule revision it executes
 * @param source where its power figures come from
 * @param coverage the share of its miners the figures include
 * @param receivedAt when dispatch received the report
 */
public record LiveState(
        String siteId,
        Instant intervalStart,
        Instant intervalEnd,
        double siteKw,
        Double miningKw,
        Double dataCentreKw,
        double sheddableKw,
        double shedKw,
        double targetShedKw,
        double maxImportKw,
        SiteTelemetry.MinerCounts miners,
        Double hashrateThs,
        Double efficiencyJPerTh,
        Long scheduleRevision,
        SiteTelemetry.Source source,
        double coverage,
        Instant receivedAt) {

    /** The site's draw as if nothing were held off: what percentages, fractions and caps apply to. */
    public double normalDrawKw() {
        return siteKw + shedKw;
    }

    /** The mining load as if nothing were held off. */
    public double normalMiningKw() {
        return (miningKw == null ? siteKw - (dataCentreKw == null ? 0 : dataCentreKw) : miningKw) + shedKw;
    }

    /** Everything it could hold off: what it holds plus what it could still stop. */
    public double totalSheddableKw() {
        return sheddableKw + shedKw;
    }

    public boolean freshAt(Instant now, Duration staleAfter) {
        return !intervalEnd.isBefore(now.minus(staleAfter));
    }

    public static LiveState of(SiteTelemetry t, Instant receivedAt) {
        return new LiveState(t.siteId(), t.intervalStart(), t.intervalEnd(), t.averageKw(), t.miningKw(),
                t.dataCentreKw(), t.sheddableKw(), t.shedKw(), t.targetShedKw(), t.maxImportKw(), t.miners(),
                t.hashrateThs(), t.efficiencyJPerTh(), t.scheduleRevision(), t.source(), t.coverage(), receivedAt);
    }
}
