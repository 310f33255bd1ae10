package io.gridflex.gateway.vtnreport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.model.oadr.OadrReportRequestType;

/**
 * A report this VEN asked its VTN for (one oadrReportRequest of ours), as kept in {@code gateway.vtn_report_request}.
 *
 * @param reportName what it delivers (TELEMETRY_USAGE...)
 * @param granularity how often the VTN samples; zero: once per report
 * @param reportBack how often the VTN sends; zero: one report only (one-shot)
 * @param via the message that carried it: {@value #PIGGY_BACKED} or {@value #CREATE_REPORT}
 * @param detail why it ended or was refused, as the VTN said; null otherwise
 * @param lastUpdateAt when a report of it last arrived, null before the first
 */
public record VtnRequest(String program, String reportRequestId, String reportSpecifierId, String reportName,
        List<String> rIds, Duration granularity, Duration reportBack, String venId, String registrationId,
        Status status, String via, String detail, Instant requestedAt, Instant lastUpdateAt) {

    /** Asked in our oadrRegisteredReport, the answer to the VTN's metadata. */
    public static final String PIGGY_BACKED = "oadrRegisteredReport";
    /** Asked in an oadrCreateReport of ours. */
    public static final String CREATE_REPORT = "oadrCreateReport";

    public enum Status {

        /** Sent; the VTN has not yet said it takes it. */
        REQUESTED,
        /** The VTN lists it as pending: its reports are coming. */
        ACTIVE,
        /** Its one report arrived (one-shot), or the VTN no longer lists it as pending. */
        COMPLETED,
        /** The VTN did not take it. */
        REFUSED,
        /** Cancelled by this VEN, confirmed by the VTN. */
        CANCELLED,
        /** The registration it was made under ended. */
        ENDED;

        /** Whether the VTN may still send reports of it. */
        public boolean open() {
            return this == REQUESTED || this == ACTIVE;
        }
    }

    public VtnRequest {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(reportRequestId, "reportRequestId");
        Objects.requireNonNull(reportSpecifierId, "reportSpecifierId");
        Objects.requireNonNull(reportName, "reportName");
        rIds = List.copyOf(rIds);
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(reportBack, "reportBack");
        Objects.requireNonNull(venId, "venId");
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** As an oadrReportRequest. */
    public OadrReportRequestType oadr() {
        return OadrReports.reportRequest(reportRequestId, reportSpecifierId, granularity,
                reportBack, rIds);
    }

    /** One report only. */
    public boolean oneShot() {
        return reportBack.isZero();
    }

    public VtnRequest with(Status newStatus, String newDetail) {
        return new VtnRequest(program, reportRequestId, reportSpecifierId, reportName, rIds, granularity, reportBack,
                venId, registrationId, newStatus, via, newDetail, requestedAt, lastUpdateAt);
    }

    public VtnRequest updatedAt(Instant at) {
        return new VtnRequest(program, reportRequestId, reportSpecifierId, reportName, rIds, granularity, reportBack,
                venId, registrationId, status, via, detail, requestedAt, at);
    }
}
