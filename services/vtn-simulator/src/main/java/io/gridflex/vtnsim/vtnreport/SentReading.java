package io.gridflex.vtnsim.vtnreport;

import java.time.Instant;

/** One value this VTN reported to a VEN: a data point of one interval of one request. */
public record SentReading(String reportRequestId, String rId, Instant start, long durationSeconds, float value,
        String updateRequestId) {
}
