package io.gridflex.gateway.report;

import io.gridflex.openadr.OadrResponseCode;

/** What becomes of one oadrReportRequest. */
public sealed interface RequestVerdict {

    /** The request's reportRequestID, as sent (possibly blank). */
    String reportRequestId();

    /** A report this VEN offers, to be sent as asked. */
    record Accepted(RequestedReport report) implements RequestVerdict {

        @Override
        public String reportRequestId() {
            return report.reportRequestId();
        }
    }

    /** The VTN asks for this VEN's metadata again: answered with a new oadrRegisterReport. */
    record MetadataRequested(String reportRequestId) implements RequestVerdict {
    }

    /** Not a request this VEN can carry out; nothing of it is kept. */
    record Refused(String reportRequestId, OadrResponseCode code, String detail) implements RequestVerdict {
    }
}
