package io.gridflex.stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one demo DR event measured, end to end.
 *
 * @param eventId the GridFlex event id
 * @param requestedKw the reduction the utility asked for
 * @param optInLatency from the utility issuing the event to the VEN's opt-in reaching it
 * @param shedLatency per site, from the utility issuing the event to the site's draw having dropped
 * @param allocatedKw per site, what dispatch asked of it
 * @param settledKwh per site, delivered energy as settlement computed it
 * @param trueKwh per site, delivered energy from the simulated miners' own counters
 * @param failures steps that did not happen as they should
 */
public record DemoReport(
        String eventId,
        double requestedKw,
        Duration optInLatency,
        Map<String, Duration> shedLatency,
        Map<String, Double> allocatedKw,
        Map<String, Double> settledKwh,
        Map<String, Double> trueKwh,
        List<String> failures) {

    public double settledTotalKwh() {
        return settledKwh.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public double trueTotalKwh() {
        return trueKwh.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
