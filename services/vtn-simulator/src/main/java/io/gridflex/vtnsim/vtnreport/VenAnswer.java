package io.gridflex.vtnsim.vtnreport;

import java.time.Instant;

/** A VEN's oadrUpdatedReport: its code for one of our oadrUpdateReports (by requestID). */
public record VenAnswer(String venId, String requestId, String responseCode, String description, Instant at) {
}
