package io.gridflex.vtnsim.report;

import java.time.Instant;
import java.util.List;

/**
 * A report this VTN asked a VEN for, and what became of it.
 *
 * @param via {@code oadrRegisteredReport} (asked in the answer to the VEN's metadata) or {@code oadrCreateReport}
 *        (asked in a poll reply)
 * @param deliveredAt when the request left this VTN (a queued one goes with the VEN's next poll), null before
 * @param venAnswerCode the responseCode of the VEN's oadrCreatedReport to it, null before the VEN answered
 * @param pending whether the VEN listed it in its latest oadrPendingReports
 * @param cancelRequested null, or whether the cancellation asked for a report to follow
 * @param cancelDeliveredAt when the cancellation left this VTN, null before
 * @param cancelAnswerCode the responseCode of the VEN's oadrCanceledReport, null before
 * @param reports how many oadrReports of it the VEN has sent
 */
public record ReportRequestView(String reportRequestId, String venId, String reportSpecifierId, String reportName,
        List<String> rIds, long granularitySeconds, long reportBackSeconds, Instant start, Long durationSeconds,
        Instant requestedAt, String via, Instant deliveredAt, String venAnswerCode, boolean pending,
        Boolean cancelRequested, Instant cancelDeliveredAt, String cancelAnswerCode, int reports) {

    ReportRequestView sent(Instant at) {
        return new ReportRequestView(reportRequestId, venId, reportSpecifierId, reportName, rIds, granularitySeconds,
                reportBackSeconds, start, durationSeconds, requestedAt, via, at, venAnswerCode, pending,
                cancelRequested, cancelDeliveredAt, cancelAnswerCode, reports);
    }

    ReportRequestView cancelling(boolean reportToFollow) {
        return new ReportRequestView(reportRequestId, venId, reportSpecifierId, reportName, rIds, granularitySeconds,
                reportBackSeconds, start, durationSeconds, requestedAt, via, deliveredAt, venAnswerCode, pending,
                reportToFollow, null, null, reports);
    }

    ReportRequestView cancelSent(Instant at) {
        return new ReportRequestView(reportRequestId, venId, reportSpecifierId, reportName, rIds, granularitySeconds,
                reportBackSeconds, start, durationSeconds, requestedAt, via, deliveredAt, venAnswerCode, pending,
                cancelRequested, at, cancelAnswerCode, reports);
    }

    ReportRequestView answered(String answer, String cancelAnswer, boolean nowPending) {
        return new ReportRequestView(reportRequestId, venId, reportSpecifierId, reportName, rIds, granularitySeconds,
                reportBackSeconds, start, durationSeconds, requestedAt, via, deliveredAt, answer, nowPending,
                cancelRequested, cancelDeliveredAt, cancelAnswer, reports);
    }

    ReportRequestView reported() {
        return new ReportRequestView(reportRequestId, venId, reportSpecifierId, reportName, rIds, granularitySeconds,
                reportBackSeconds, start, durationSeconds, requestedAt, via, deliveredAt, venAnswerCode, pending,
                cancelRequested, cancelDeliveredAt, cancelAnswerCode, reports + 1);
    }
}
