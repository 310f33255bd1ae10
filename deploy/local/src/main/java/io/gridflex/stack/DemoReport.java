package io.gridflex.stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the demo measured, end to end, for its two overlapping DR events.
 *
 * @param events each event, in the order the utility issued them
 * @param optInLatency from the utility issuing the first event to the VEN's opt-in reaching it
 * @param shedLatency per site, from the utility issuing the first event to the site's draw having dropped
 * @param failures steps that did not happen as they should
 */
public record DemoReport(List<EventFigures> events, Duration optInLatency, Map<String, Duration> shedLatency,
        List<String> failures) {

    public DemoReport {
        events = List.copyOf(events);
    }

    /**
     * One event's figures.
     *
     * @param eventId the GridFlex event id
     * @param requestedKw the reduction the utility asked for
     * @param allocatedKw per site, the most dispatch asked of it for this event
     * @param settledKwh per site, the event's share of the delivered energy as settlement computed it
     * @param trueKwh per site, the same share from the simulated miners' own counters
     */
    public record EventFigures(String eventId, double requestedKw, Map<String, Double> allocatedKw,
            Map<String, Double> settledKwh, Map<String, Double> trueKwh) {

        public double settledTotalKwh() {
            return settledKwh.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        public double trueTotalKwh() {
            return trueKwh.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        public double allocatedTotalKw() {
            return allocatedKw.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }
}
