package io.gridflex.gateway.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.history.UsageHistory;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.gateway.vtn.VtnReplies;
import io.gridflex.gateway.vtn.VtnService;
import io.gridflex.gateway.vtn.VtnUnavailableException;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.OpenAdrXmlException;
import io.gridflex.openadr.model.oadr.OadrCancelReportType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrReportType;
import io.gridflex.openadr.model.oadr.OadrUpdatedReportType;
import io.gridflex.support.db.DataAccessException;

/** Sends one oadrUpdateReport to the program's VTN and reads its oadrUpdatedReport. */
final class ReportSender {

    private static final Logger LOG = Logger.getLogger(ReportSender.class);

    /** How a delivery went. */
    enum Delivery {
        /** The VTN answered oadrUpdatedReport 200. */
        DELIVERED,
        /** The VTN answered, but not with 200 (or unreadably): sending the same again would not help. */
        REFUSED,
        /** The VTN could not be reached: worth another try. */
        UNREACHABLE,
        /** None of the data points asked for is offered any more: nothing to send. */
        NOTHING
    }

    /** @param cancel an oadrCancelReport the VTN piggy-backed on its oadrUpdatedReport */
    record Outcome(Delivery delivery, Optional<OadrCancelReportType> cancel) {
    }

    private final String program;
    private final VtnClient client;
    private final ReportContent content;
    private final HistoryContent historyContent;
    private final UsageHistory history;
    private final GatewayMetrics metrics;

    ReportSender(String program, VtnClient client, ReportCatalog catalog, UsageHistory history,
            GatewayMetrics metrics) {
        this.program = program;
        this.client = client;
        this.content = new ReportContent(catalog);
        this.historyContent = new HistoryContent(catalog, history.buckets());
        this.history = history;
        this.metrics = metrics;
    }

    /** Sends a live report (TELEMETRY_USAGE, TELEMETRY_STATUS) of these samples. */
    Outcome send(RequestedReport request, List<Sample> samples, Duration period, Registration registration,
            Instant now) {
        return deliver(request, content.report(request, samples, period, now), registration);
    }

    /** Sends a HISTORY_USAGE report of its interval, read from the usage history (UNREACHABLE when it cannot be). */
    Outcome sendHistory(RequestedReport request, Registration registration, Instant now) {
        OadrReportType report;
        try {
            report = historyContent.report(request, history.read(historyContent.sites(request),
                    historyContent.firstBucket(request), request.end()), now);
        } catch (DataAccessException e) {
            LOG.warnf("program %s: history of report %s not readable now: %s", program, request.reportRequestId(),
                    e.getMessage());
            return new Outcome(Delivery.UNREACHABLE, Optional.empty());
        }
        return deliver(request, report, registration);
    }

    private Outcome deliver(RequestedReport request, OadrReportType report, Registration registration) {
        if (report == null) {
            LOG.warnf("program %s: report request %s names no data point still offered; nothing sent", program,
                    request.reportRequestId());
            return new Outcome(Delivery.NOTHING, Optional.empty());
        }
        OadrPayload update = OadrReports.updateReport(UUID.randomUUID().toString(), registration.venId(),
                List.of(report));
        OadrPayload reply;
        try {
            reply = client.exchange(VtnService.REPORT, update);
        } catch (VtnUnavailableException e) {
            metrics.report(program, request.kind().reportName(), "unreachable");
            LOG.debugf("program %s: report %s not delivered: %s", program, request.reportRequestId(), e.getMessage());
            return new Outcome(Delivery.UNREACHABLE, Optional.empty());
        } catch (OpenAdrXmlException e) {
            metrics.report(program, request.kind().reportName(), "refused");
            LOG.warnf("program %s: unreadable answer to report %s: %s", program, request.reportRequestId(),
                    e.getMessage());
            return new Outcome(Delivery.REFUSED, Optional.empty());
        }
        if (OadrMessages.body(reply) instanceof OadrUpdatedReportType updated
                && OadrResponseCode.OK.text().equals(updated.getEiResponse().getResponseCode().strip())) {
            metrics.report(program, request.kind().reportName(), "delivered");
            return new Outcome(Delivery.DELIVERED, Optional.ofNullable(updated.getOadrCancelReport()));
        }
        metrics.report(program, request.kind().reportName(), "refused");
        LOG.warnf("program %s: VTN did not accept report %s: %s", program, request.reportRequestId(),
                VtnReplies.describe(reply));
        return new Outcome(Delivery.REFUSED, Optional.empty());
    }
}
