package io.gridflex.gateway.telemetry;

import java.time.Instant;
import java.util.Objects;

import io.gridflex.messages.SiteTelemetry;

/**
 * A site's latest telemetry as the reports use it.
 *
 * @param at the end of the telemetry interval the figures are of: the reading's time
 * @param kw the whole site's mean draw over that interval
 * @param shedKw the load the site's agent holds off
 * @param sheddableKw the draw of the miners that could still be stopped
 */
public record SiteReading(String siteId, Instant at, double kw, double shedKw, double sheddableKw) {

    public SiteReading {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(at, "at");
    }

    public static SiteReading of(SiteTelemetry telemetry) {
        return new SiteReading(telemetry.siteId(), telemetry.intervalEnd(), telemetry.averageKw(), telemetry.shedKw(),
                telemetry.sheddableKw());
    }
}
