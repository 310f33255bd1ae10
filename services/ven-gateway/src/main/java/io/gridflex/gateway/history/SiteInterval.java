package io.gridflex.gateway.history;

import java.time.Instant;
import java.util.Objects;

import io.gridflex.messages.SiteTelemetry;

/** The energy one site drew over one telemetry interval {@code [start, end)}. */
public record SiteInterval(String siteId, Instant start, Instant end, double energyKwh) {

    public SiteInterval {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public static SiteInterval of(SiteTelemetry telemetry) {
        return new SiteInterval(telemetry.siteId(), telemetry.intervalStart(), telemetry.intervalEnd(),
                telemetry.energyKwh());
    }
}
