package io.gridflex.vtnsim.report;

/**
 * A CDI event: the operator queued a report request or cancellation for this VEN. A push VEN is sent it at once
 * ({@code push} package); a pull VEN gets it with its next poll.
 */
public record ReportsQueued(String venId) {
}
