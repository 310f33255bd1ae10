package io.gridflex.vtnsim.vtnreport;

import java.time.Instant;
import java.util.List;

/**
 * A report a VEN asked this VTN for, as the admin API shows it.
 *
 * @param via the VEN's message that asked: oadrRegisteredReport or oadrCreateReport
 * @param status ACTIVE, DONE (its one report sent) or CANCELLED (by the VEN)
 * @param sentUntil the end of the last interval reported; reporting of a periodic request goes on from there
 * @param reportsSent how many oadrUpdateReports of it went out
 */
public record Subscription(String reportRequestId, String venId, String reportSpecifierId, List<String> rIds,
        long granularitySeconds, long reportBackSeconds, String via, String status, Instant requestedAt,
        Instant sentUntil, int reportsSent) {

    public Subscription {
        rIds = List.copyOf(rIds);
    }

    boolean oneShot() {
        return reportBackSeconds == 0;
    }

    boolean active() {
        return "ACTIVE".equals(status);
    }

    Subscription withStatus(String newStatus) {
        return new Subscription(reportRequestId, venId, reportSpecifierId, rIds, granularitySeconds,
                reportBackSeconds, via, newStatus, requestedAt, sentUntil, reportsSent);
    }

    Subscription sent(Instant until) {
        return new Subscription(reportRequestId, venId, reportSpecifierId, rIds, granularitySeconds,
                reportBackSeconds, via, oneShot() ? "DONE" : status, requestedAt, until, reportsSent + 1);
    }
}
