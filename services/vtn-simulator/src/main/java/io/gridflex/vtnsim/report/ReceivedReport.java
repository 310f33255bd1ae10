package io.gridflex.vtnsim.report;

import java.time.Instant;
import java.util.List;

/**
 * One oadrReport a VEN sent in an oadrUpdateReport, as this VTN read it.
 *
 * @param intervals in the order sent
 */
public record ReceivedReport(String venId, Instant receivedAt, String reportRequestId, String reportSpecifierId,
        String reportName, Instant start, Long durationSeconds, List<Interval> intervals) {

    /** @param durationSeconds null when the interval states none */
    public record Interval(Instant start, Long durationSeconds, List<Value> values) {
    }

    /**
     * One data point's payload: a number ({@code payloadFloat}) or a resource status
     * ({@code oadrPayloadResourceStatus}); the fields of the other kind are null.
     *
     * @param percentOffset the status's {@code oadrLoadControlState/oadrPercentOffset/oadrCurrent}, if any
     */
    public record Value(String rId, Float value, String dataQuality, Boolean online, Boolean manualOverride,
            Float percentOffset) {
    }
}
