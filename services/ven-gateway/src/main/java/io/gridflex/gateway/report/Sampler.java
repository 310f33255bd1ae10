package io.gridflex.gateway.report;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.gridflex.gateway.telemetry.SiteReadings;

/** Takes a sample of the resources a request names, from the sites' latest telemetry. */
final class Sampler {

    private final ReportCatalog catalog;
    private final SiteReadings readings;
    private final Duration freshness;

    Sampler(ReportCatalog catalog, SiteReadings readings, Duration freshness) {
        this.catalog = catalog;
        this.readings = readings;
        this.freshness = freshness;
    }

    Sample sample(RequestedReport request, Instant at) {
        Map<String, ResourceSnapshot> resources = new HashMap<>();
        for (String rId : request.rIds()) {
            catalog.resourceOf(request.kind(), rId).ifPresent(resource -> resources.put(resource,
                    ResourceSnapshot.of(resource, catalog.sites(resource), readings::latest, at, freshness)));
        }
        return new Sample(at, resources);
    }
}
