package io.gridflex.vtnsim.report;

import java.time.Instant;
import java.util.List;

/**
 * A report this VTN asked a VEN for, and what became of it.
 *
 * @param via {@code oadrRegisteredReport} (asked in the answer to the VEN's metadata) or {@code oadrCreateReport}
 *        (asked in a poll reply)
 * @param delivered whether the request (or its cancellation) has left this VTN: a queued one goes with the VEN's next
 *        poll
 * @param venAnswerCode the responseCode of the VEN's oadrCreatedReport to it, null before the VEN answered
 * @param pending whether the VEN listed it in its latest oadrPendingReports
 * @param cancelRequested null, or whether the cancellation asked for a report to follow
 * @param cancelAnswerCode the responseCode of the VEN's oadrCanceledReport, null before
 * @param reports how many oadrReports of it the VEN has sent
 */
public record ReportRequestView(String reportRequestId, String venId, String reportSpecifierId, String reportName,
        List<String> rIds, long granularitySeconds, long reportBackSeconds, Instant start, Long durationSeconds,
        Instant requestedAt, String via, boolean delivered, String venAnswerCode, boolean pending,
        Boolean cancelRequested, boolean cancelDelivered, String cancelAnswerCode, int reports) {

    ReportRequestView sent() {
        return new ReportRequestView(reportRequestId, venId, reportSpecifierId, reportName, rIds, granularitySeconds,
                reportBackSeconds, start, durationSeconds, requestedAt, via, true, venAnswerCode, pending,
                cancelRequested, cancelDelivered, cancelAnswerCode, reports);
    }

    ReportRequestView cancelling(boolean reportToFollow) {
        return new ReportRequestView(reportRequestId, venId, reportSpecifierId, reportName, rIds, granularitySeconds,
                reportBackSeconds, start, durationSeconds, requestedAt, via, delivered, venAnswerCode, pending,
                reportToFollow, false, null, reports);
    }

    ReportRequestView cancelSent() {
        return new ReportRequestView(reportRequestId, venId, reportSpecifierId, reportName, rIds, granularitySeconds,
                reportBackSeconds, start, durationSeconds, requestedAt, via, delivered, venAnswerCode, pending,
                cancelRequested, true, cancelAnswerCode, reports);
    }

    ReportRequestView answered(String answer, String cancelAnswer, boolean nowPending) {
        return new ReportRequestView(reportRequestId, venId, reportSpecifierId, reportName, rIds, granularitySeconds,
                reportBackSeconds, start, durationSeconds, requestedAt, via, delivered, answer, nowPending,
                cancelRequested, cancelDelivered, cancelAnswer, reports);
    }

    ReportRequestView reported() {
        return new ReportRequestView(reportRequestId, venId, reportSpecifierId, reportName, rIds, granularitySeconds,
                reportBackSeconds, start, durationSeconds, requestedAt, via, delivered, venAnswerCode, pending,
                cancelRequested, cancelDelivered, cancelAnswerCode, reports + 1);
    }
}
