package io.gridflex.gateway.vtnreport;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One data point of one interval of a report the VTN sent us, as kept in {@code gateway.vtn_report_reading}.
 *
 * @param value a number ({@code payloadFloat}); null for another kind of payload, which {@code status} describes
 * @param status a resource status ({@code oadrPayloadResourceStatus}) in words, else null
 * @param dataQuality the VTN's {@code oadrDataQuality}, if it states one
 * @param reportCreatedAt the report's createdDateTime: a later report of the same interval replaces an earlier one
 */
public record VtnReading(String reportRequestId, String rId, Instant intervalStart, Duration duration, Double value,
        String status, String dataQuality, Instant reportCreatedAt) {

    public VtnReading {
        Objects.requireNonNull(reportRequestId, "reportRequestId");
        Objects.requireNonNull(rId, "rId");
        Objects.requireNonNull(intervalStart, "intervalStart");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(reportCreatedAt, "reportCreatedAt");
    }
}
