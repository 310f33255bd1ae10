package io.gridflex.openadr;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One resource status ({@code oadrPayloadResourceStatus}) of a TELEMETRY_STATUS report: data point {@code rId} over
 * {@code [start, start + duration)}.
 *
 * @param loadControlState the resource's load control state, or null to leave it out
 */
public record StatusReading(Instant start, Duration duration, String rId, boolean online, boolean manualOverride,
        LoadControlState loadControlState) {

    public StatusReading {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(rId, "rId");
    }

    /**
     * {@code oadrLoadControlState}: where a resource stands on each kind of load control it takes, each null when it
     * does not take that kind.
     */
    public record LoadControlState(Value capacity, Value levelOffset, Value percentOffset, Value setPoint) {
    }

    /**
     * One kind of load control: its current value, and optionally its range and its value without control.
     */
    public record Value(Float min, Float max, float current, Float normal) {
    }
}
