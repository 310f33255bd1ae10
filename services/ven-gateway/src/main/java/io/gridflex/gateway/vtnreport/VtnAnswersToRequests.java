package io.gridflex.gateway.vtnreport;

import java.time.Clock;
import java.util.List;

import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.vtn.VtnReplies;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.model.oadr.OadrCreatedReportType;
import io.gridflex.openadr.model.oadr.OadrPayload;

/** The VTN's answers to our requests for its reports (oadrCreatedReport, or a refusal), applied to them. */
final class VtnAnswersToRequests {

    private final String program;
    private final VtnReportStore store;
    private final GatewayMetrics metrics;
    private final Clock clock;

    VtnAnswersToRequests(String program, VtnReportStore store, GatewayMetrics metrics, Clock clock) {
        this.program = program;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The VTN's reply to our requests, applied; in a few words for the log. */
    String acknowledged(OadrPayload reply, List<VtnRequest> asked) {
        if (OadrMessages.body(reply) instanceof OadrCreatedReportType created) {
            return applyCreated(created, asked.stream().map(VtnRequest::reportRequestId).toList());
        }
        if (asked.isEmpty() && VtnReplies.ok(reply)) {
            return "the VTN acknowledged";
        }
        if (!VtnReplies.ok(reply)) {
            metrics.answerRefused(asked.isEmpty() ? "oadrRegisteredReport" : "oadrReportRequest");
            store.save(asked.stream().map(r -> r.with(VtnRequest.Status.REFUSED, "the VTN answered "
                    + VtnReplies.describe(reply))).toList(), clock.instant());
            return "the VTN answered " + VtnReplies.describe(reply);
        }
        // 200 without oadrCreatedReport: the requests stay REQUESTED; the first report makes one ACTIVE.
        return "the VTN acknowledged without oadrCreatedReport";
    }

    /**
     * The VTN's oadrCreatedReport, applied to our requests ({@link RequestStates#afterCreated}).
     *
     * @param asked the requests it answers; null: every one still REQUESTED
     */
    String applyCreated(OadrCreatedReportType created, List<String> asked) {
        List<String> pending = created.getOadrPendingReports() == null
                ? List.of()
                : created.getOadrPendingReports().getReportRequestID().stream().map(String::strip).toList();
        String answer = created.getEiResponse() == null
                ? "no eiResponse"
                : created.getEiResponse().getResponseCode().strip() + " "
                        + created.getEiResponse().getResponseDescription();
        boolean ok = VtnReplies.ok(created.getEiResponse());
        List<VtnRequest> changed = RequestStates.afterCreated(store.requests(), pending, asked, ok ? null : answer);
        store.save(changed, clock.instant());
        changed.stream().filter(r -> r.status() == VtnRequest.Status.REFUSED)
                .forEach(r -> metrics.vtnReport(program, "refused"));
        return "the VTN's oadrCreatedReport (" + answer + ") lists " + pending.size() + " pending; "
                + changed.stream().map(r -> r.reportRequestId() + " " + r.status()).toList();
    }
}
