package io.gridflex.dispatch.bench;

import java.util.HashMap;
import java.util.Map;

import io.gridflex.dispatch.it.NoClosedLoop;

/**
 * Dispatch as the allocation tests run it (no closed-loop rounds: no agent answers here either), on the benchmark's
 * own topics ({@link BenchTopics}). Sites stay fresh for the whole run: the fleet reports once before the events,
 * and a background feed is optional (see {@link EventToKafkaBenchmark}), so the figures do not depend on whether a
 * report happened to lapse mid-run.
 */
public class EventToKafkaProfile extends NoClosedLoop {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("gridflex.topics.dr-events", BenchTopics.DR_EVENTS);
        overrides.put("gridflex.dispatch.sites.stale-after", "1h");
        return overrides;
    }
}
