package io.gridflex.gateway.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A report the VTN asked this VEN for (one oadrReportRequest), as kept in {@code gateway.report_request}.
 *
 * @param venId the venID and {@code registrationId} it was asked under: a new registration voids it
 * @param rIds the data points asked for, each one this VEN offers under {@code kind}
 * @param granularity how often to sample; zero: once per report
 * @param reportBack how often to send; zero: one report only (one-shot)
 * @param start when reporting starts (the request's reportInterval, else when it arrived)
 * @param end when reporting ends, or null for no end (until cancelled)
 * @param lastReportAt when a report of it was last delivered, null before the first
 */
public record RequestedReport(String program, String reportRequestId, String venId, String registrationId,
        ReportKind kind, List<String> rIds, Duration granularity, Duration reportBack, Instant start, Instant end,
        Status status, Instant lastReportAt, Instant requestedAt) {

    public enum Status {

        /** Reports are being sent, or will be from its start. */
        ACTIVE,
        /** Cancelled with reportToFollow: one last report is still to be sent. */
        FINAL_REPORT,
        /** Its one report, or its last, was sent. */
        COMPLETED,
        /** Cancelled by the VTN; nothing more is sent. */
        CANCELLED;

        /** Whether reports of it are still to come: what oadrPendingReports lists. */
        public boolean pending() {
            return this == ACTIVE || this == FINAL_REPORT;
        }
    }

    public RequestedReport {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(reportRequestId, "reportRequestId");
        Objects.requireNonNull(venId, "venId");
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(kind, "kind");
        rIds = List.copyOf(rIds);
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(reportBack, "reportBack");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** One report only (reportBackDuration zero). */
    public boolean oneShot() {
        return reportBack.isZero();
    }

    public RequestedReport withStatus(Status newStatus) {
        return new RequestedReport(program, reportRequestId, venId, registrationId, kind, rIds, granularity,
                reportBack, start, end, newStatus, lastReportAt, requestedAt);
    }

    public RequestedReport reportedAt(Instant at) {
        return new RequestedReport(program, reportRequestId, venId, registrationId, kind, rIds, granularity,
                reportBack, start, end, status, at, requestedAt);
    }

    /** Whether it asks for the same thing as {@code other} (the same request sent again changes nothing). */
    public boolean sameRequestAs(RequestedReport other) {
        return kind == other.kind && rIds.equals(other.rIds) && granularity.equals(other.granularity)
                && reportBack.equals(other.reportBack) && Objects.equals(end, other.end)
                && venId.equals(other.venId) && registrationId.equals(other.registrationId);
    }
}
