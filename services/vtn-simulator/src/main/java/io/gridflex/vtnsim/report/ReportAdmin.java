package io.gridflex.vtnsim.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.model.oadr.OadrReportRequestType;
import io.gridflex.vtnsim.api.ApiException;
import io.gridflex.vtnsim.ven.VenRegistry;

/** The operator's side of reports: checks each request completely before anything changes. */
@ApplicationScoped
public class ReportAdmin {

    private static final Logger LOG = Logger.getLogger(ReportAdmin.class);

    private final ReportBook book;
    private final VenRegistry vens;
    private final Clock clock;
    private final Event<ReportsQueued> queued;

    public ReportAdmin(ReportBook book, VenRegistry vens, Clock clock, Event<ReportsQueued> queued) {
        this.book = book;
        this.vens = vens;
        this.clock = clock;
        this.queued = queued;
    }

    public ReportScript script(ReportScript script) {
        if (script == null || script.requests() == null) {
            throw ApiException.badRequest("invalid-script", "A JSON body with a list of requests is required");
        }
        for (ScriptedRequest request : script.requests()) {
            if (request == null || request.reportName() == null || request.reportName().isBlank()) {
                throw ApiException.badRequest("invalid-script", "Each request names a reportName");
            }
            seconds("granularitySeconds", request.granularitySeconds());
            seconds("reportBackSeconds", request.reportBackSeconds());
        }
        book.script(script.requests());
        LOG.infof("Reports asked of every VEN registering its reports: %s", script.requests());
        return new ReportScript(book.script());
    }

    public ReportRequestView create(CreateReportRequest request) {
        return createAll(request == null ? null : List.of(request)).getFirst();
    }

    /**
     * Asks one VEN for several reports in one oadrCreateReport, as a VTN may: each request is checked as
     * {@link #create} checks it, and none is queued unless all are valid.
     */
    public List<ReportRequestView> createAll(List<CreateReportRequest> requests) {
        if (requests == null || requests.isEmpty() || requests.stream().anyMatch(Objects::isNull)) {
            throw ApiException.badRequest("missing-body", "A JSON body with at least one report request is required");
        }
        String venId = requests.getFirst().venId();
        if (venId == null || !vens.isRegistered(venId)) {
            throw ApiException.badRequest("unknown-ven", "venId " + venId + " is not a registered VEN");
        }
        if (requests.stream().anyMatch(r -> !venId.equals(r.venId()))) {
            throw ApiException.badRequest("invalid-request", "One oadrCreateReport goes to one VEN: every venId"
                    + " must be " + venId);
        }
        List<OadrReportRequestType> asked = new ArrayList<>();
        List<ReportRequestView> views = new ArrayList<>();
        for (CreateReportRequest request : requests) {
            Prepared prepared = prepare(venId, request);
            asked.add(prepared.request());
            views.add(prepared.view());
        }
        String requestId = "create-" + UUID.randomUUID();
        book.queueCreate(venId, OadrReports.createReport(requestId, venId, asked), requestId, views);
        for (ReportRequestView view : views) {
            LOG.infof("Asked VEN %s for report %s (%s %s), every %d s sampled every %d s; goes with its next poll"
                    + " (pushed at once to a push VEN)", venId, view.reportRequestId(), view.reportSpecifierId(),
                    view.rIds(), view.reportBackSeconds(), view.granularitySeconds());
        }
        queued.fire(new ReportsQueued(venId));
        return views;
    }

    /** One report request of an oadrCreateReport, and how the VTN shows it. */
    private record Prepared(OadrReportRequestType request, ReportRequestView view) {
    }

    private Prepared prepare(String venId, CreateReportRequest request) {
        long granularity = seconds("granularitySeconds", request.granularitySeconds());
        long reportBack = seconds("reportBackSeconds", request.reportBackSeconds());
        if ((request.reportName() == null) == (request.reportSpecifierId() == null)) {
            throw ApiException.badRequest("invalid-request", "Give either reportName or reportSpecifierId");
        }
        String specifier;
        String name;
        List<String> rIds;
        if (request.reportName() != null) {
            OfferedReport offer = book.offered(venId).stream()
                    .filter(o -> request.reportName().equals(o.deliveredName())).findFirst()
                    .orElseThrow(() -> new ApiException(Response.Status.CONFLICT, "not-offered",
                            "VEN " + venId + " offered no report " + request.reportName()));
            specifier = offer.reportSpecifierId();
            name = offer.deliveredName();
            rIds = request.rIds() == null ? offer.rIds() : request.rIds();
        } else {
            specifier = request.reportSpecifierId();
            name = null;
            rIds = request.rIds();
        }
        if (rIds == null || rIds.isEmpty()) {
            throw ApiException.badRequest("invalid-request", "The request names no data point (rIds)");
        }
        Instant start = request.start() == null ? null : instant(request.start());
        Long duration = request.durationSeconds() == null
                ? null
                : seconds("durationSeconds",
                        request.durationSeconds());
        if (duration != null && start == null) {
            throw ApiException.badRequest("invalid-request", "durationSeconds goes with a start");
        }
        String id = "rr-" + UUID.randomUUID();
        OadrReportRequestType asked = OadrReports.reportRequest(id, specifier, Duration.ofSeconds(granularity),
                Duration.ofSeconds(reportBack), start, duration == null ? null : Duration.ofSeconds(duration), rIds);
        return new Prepared(asked, new ReportRequestView(id, venId, specifier, name, rIds, granularity, reportBack,
                start, duration, clock.instant(), "oadrCreateReport", null, null, false, null, null, null, 0));
    }

    /** Sends the oadrCreateReport of a request again, unchanged, with the VEN's next poll. */
    public ReportRequestView repeat(String reportRequestId) {
        ReportRequestView held = get(reportRequestId);
        if (!book.queueRepeat(held)) {
            throw new ApiException(Response.Status.CONFLICT, "not-repeatable", "Report request " + reportRequestId
                    + " was asked for in an oadrRegisteredReport, not an oadrCreateReport of this API");
        }
        LOG.infof("Asking VEN %s for report %s again, with the very same oadrCreateReport", held.venId(),
                reportRequestId);
        queued.fire(new ReportsQueued(held.venId()));
        return held;
    }

    public ReportRequestView cancel(String reportRequestId, CancelReportRequest request) {
        ReportRequestView held = get(reportRequestId);
        boolean follow = request != null && Boolean.TRUE.equals(request.reportToFollow());
        String via = request == null || request.via() == null ? "poll" : request.via();
        if (!via.equals("poll") && !via.equals("updatedReport")) {
            throw ApiException.badRequest("invalid-request", "via is poll or updatedReport, got " + via);
        }
        ReportRequestView cancelling = book.queueCancel(held, follow, via.equals("updatedReport"));
        LOG.infof("Cancelling report %s of VEN %s (reportToFollow %s) with its next %s", reportRequestId,
                held.venId(), follow, via.equals("poll") ? "poll" : "oadrUpdateReport");
        queued.fire(new ReportsQueued(held.venId()));
        return cancelling;
    }

    public ReportRequestView get(String reportRequestId) {
        return book.request(reportRequestId).orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND,
                "unknown-report-request", "no report request " + reportRequestId));
    }

    public VenReportsView ven(String venId) {
        if (!vens.isRegistered(venId)) {
            throw new ApiException(Response.Status.NOT_FOUND, "unknown-ven", "no registered VEN " + venId);
        }
        return new VenReportsView(venId, book.offered(venId), book.metadataRegistrations(venId),
                book.requests(venId), book.received(venId, null));
    }

    public List<ReceivedReport> received(String reportRequestId) {
        ReportRequestView held = get(reportRequestId);
        return book.received(held.venId(), reportRequestId);
    }

    private static long seconds(String field, Integer value) {
        if (value == null || value < 0) {
            throw ApiException.badRequest("invalid-request", field + " is a whole number of seconds, 0 or more");
        }
        return value;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid-request", "start is an ISO-8601 UTC instant, got " + text);
        }
    }
}
