package io.gridflex.gateway.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where one program's report requests are kept ({@link ReportStore}: PostgreSQL). */
interface RequestBook {

    Optional<RequestedReport> find(String reportRequestId);

    /** The requests still to report on, oldest first. */
    List<RequestedReport> pending();

    void save(RequestedReport report, Instant now);
}
