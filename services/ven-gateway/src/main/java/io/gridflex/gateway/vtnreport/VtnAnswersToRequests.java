package io.gridflex.gateway.vtnreport;

import java.time.Clock;
import java.util.List;

import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.oadr.OadrCanceledReportType;
import io.gridflex.openadr.model.oadr.OadrCreatedReportType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrResponseType;

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
        if (asked.isEmpty() && ok(reply)) {
            return "the VTN acknowledged";
        }
        if (!ok(reply)) {
            metrics.answerRefused(asked.isEmpty() ? "oadrRegisteredReport" : "oadrReportRequest");
            store.save(asked.stream().map(r -> r.with(VtnRequest.Status.REFUSED, "the VTN answered "
                    + describe(reply))).toList(), clock.instant());
            return "the VTN answered " + describe(reply);
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
        boolean ok = created.getEiResponse() != null && OadrResponseCode.OK.text()
                .equals(created.getEiResponse().getResponseCode().strip());
        List<VtnRequest> changed = RequestStates.afterCreated(store.requests(), pending, asked, ok ? null : answer);
        store.save(changed, clock.instant());
        changed.stream().filter(r -> r.status() == VtnRequest.Status.REFUSED)
                .forEach(r -> metrics.vtnReport(program, "refused"));
        return "the VTN's oadrCreatedReport (" + answer + ") lists " + pending.size() + " pending; "
                + changed.stream().map(r -> r.reportRequestId() + " " + r.status()).toList();
    }

    static boolean ok(OadrPayload reply) {
        Object body = OadrMessages.body(reply);
        if (body instanceof OadrResponseType response) {
            return OadrResponseCode.OK.text().equals(response.getEiResponse().getResponseCode().strip());
        }
        return body instanceof OadrCreatedReportType;
    }

    static String describe(OadrPayload reply) {
        Object body = OadrMessages.body(reply);
        if (body instanceof OadrResponseType response) {
            return response.getEiResponse().getResponseCode() + " "
                    + response.getEiResponse().getResponseDescription();
        }
        if (body instanceof OadrCanceledReportType canceled) {
            return canceled.getEiResponse().getResponseCode() + " "
                    + canceled.getEiResponse().getResponseDescription();
        }
        return body.getClass().getSimpleName();
    }
}
