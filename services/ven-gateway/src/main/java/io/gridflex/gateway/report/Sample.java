package io.gridflex.gateway.report;

import java.time.Instant;
import java.util.Map;

/** What a report's resources stood at, at one sampling time. */
record Sample(Instant at, Map<String, ResourceSnapshot> resources) {

    Sample {
        resources = Map.copyOf(resources);
    }
}
