package io.gridflex.vtnsim.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.model.ei.EiResponseType;
import io.gridflex.openadr.model.oadr.OadrCancelReportType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrPendingReportsType;
import io.gridflex.openadr.model.oadr.OadrReportDescriptionType;
import io.gridflex.openadr.model.oadr.OadrReportRequestType;
import io.gridflex.openadr.model.oadr.OadrReportType;

/**
 * Every VEN's reports, in memory: what each offered, what this VTN asked and whether the VEN took it, what the VEN
 * sent, and the report messages waiting for its next poll. Every method is atomic.
 */
@ApplicationScoped
public class ReportBook {

    private final Map<String, VenReports> byVen = new HashMap<>();
    private List<ScriptedRequest> script = List.of();

    public synchronized void script(List<ScriptedRequest> requests) {
        script = List.copyOf(requests);
    }

    public synchronized List<ScriptedRequest> script() {
        return script;
    }

    /**
     * The VEN's metadata replaces what it offered before; returns the requests the script asks of it, which go in
     * the oadrRegisteredReport answering message {@code requestId}.
     */
    public synchronized List<OadrReportRequestType> registered(String venId, String requestId,
            List<OadrReportType> metadata, Instant now) {
        VenReports ven = ven(venId);
        ven.offered = metadata.stream().map(ReportBook::offered).toList();
        ven.metadataRegistrations++;
        List<OadrReportRequestType> requests = new ArrayList<>();
        for (ScriptedRequest scripted : script) {
            ven.offered.stream().filter(o -> scripted.reportName().equals(o.deliveredName()) && !o.rIds().isEmpty())
                    .findFirst().ifPresent(offer -> {
                        String id = "rr-" + UUID.randomUUID();
                        requests.add(OadrReports.reportRequest(id, offer.reportSpecifierId(),
                                Duration.ofSeconds(scripted.granularitySeconds()),
                                Duration.ofSeconds(scripted.reportBackSeconds()), offer.rIds()));
                        ven.update(new ReportRequestView(id, venId, offer.reportSpecifierId(),
                                offer.deliveredName(), offer.rIds(), scripted.granularitySeconds(),
                                scripted.reportBackSeconds(), null, null, now, "oadrRegisteredReport", now, null,
                                false, null, null, null, 0));
                    });
        }
        ven.byMessage.put(requestId == null ? "" : requestId,
                requests.stream().map(OadrReportRequestType::getReportRequestID).toList());
        return requests;
    }

    public synchronized List<OfferedReport> offered(String venId) {
        return ven(venId).offered;
    }

    /** How many times the VEN registered its metadata. */
    public synchronized int metadataRegistrations(String venId) {
        return ven(venId).metadataRegistrations;
    }

    /** Queues an oadrCreateReport (built by the caller) of one or more requests for the VEN's next poll. */
    public synchronized void queueCreate(String venId, OadrPayload message, String requestId,
            List<ReportRequestView> requests) {
        VenReports ven = ven(venId);
        requests.forEach(ven::update);
        List<String> ids = requests.stream().map(ReportRequestView::reportRequestId).toList();
        ven.byMessage.put(requestId, ids);
        VenReports.Queued queued = new VenReports.Queued(message, ids, false);
        ids.forEach(id -> ven.created.put(id, queued));
        ven.queue.add(queued);
    }

    /**
     * Queues the oadrCreateReport that asked for {@code request} once more, exactly as it was sent (the same
     * requestID and reportRequestIDs), as a VTN that repeats a payload does.
     *
     * @return false when the request was not asked for by an oadrCreateReport of this VTN's API
     */
    public synchronized boolean queueRepeat(ReportRequestView request) {
        VenReports ven = ven(request.venId());
        VenReports.Queued original = ven.created.get(request.reportRequestId());
        if (original == null) {
            return false;
        }
        ven.queue.add(original);
        return true;
    }

    /** Queues an oadrCancelReport of one request for the VEN's next poll. */
    public synchronized ReportRequestView queueCancel(ReportRequestView request, boolean reportToFollow) {
        return queueCancel(request, reportToFollow, false);
    }

    /**
     * Queues an oadrCancelReport of one request: for the VEN's next poll, or {@code inUpdatedReport} carried by this
     * VTN's reply (oadrUpdatedReport) to the VEN's next oadrUpdateReport.
     */
    public synchronized ReportRequestView queueCancel(ReportRequestView request, boolean reportToFollow,
            boolean inUpdatedReport) {
        VenReports ven = ven(request.venId());
        String requestId = "cancel-" + UUID.randomUUID();
        OadrPayload message = OadrReports.cancelReport(requestId, List.of(request.reportRequestId()), reportToFollow,
                request.venId());
        ReportRequestView cancelling = request.cancelling(reportToFollow);
        ven.update(cancelling);
        ven.byMessage.put(requestId, List.of(request.reportRequestId()));
        VenReports.Queued queued = new VenReports.Queued(message, List.of(request.reportRequestId()), true);
        (inUpdatedReport ? ven.piggyBacked : ven.queue).add(queued);
        return cancelling;
    }

    /** The oldest cancellation waiting to ride on this VTN's next oadrUpdatedReport to the VEN, now on its way. */
    public synchronized Optional<OadrCancelReportType> piggyBackFor(String venId, Instant now) {
        VenReports ven = byVen.get(venId);
        if (ven == null || ven.piggyBacked.isEmpty()) {
            return Optional.empty();
        }
        VenReports.Queued queued = ven.piggyBacked.removeFirst();
        for (String id : queued.reportRequestIds()) {
            ReportRequestView r = ven.requests.get(id);
            if (r != null) {
                ven.update(r.cancelSent(now));
            }
        }
        return Optional.of(queued.message().getOadrSignedObject().getOadrCancelReport());
    }

    /** The oldest message waiting for this VEN, which is now on its way. */
    public synchronized Optional<OadrPayload> nextFor(String venId, Instant now) {
        VenReports ven = byVen.get(venId);
        if (ven == null || ven.queue.isEmpty()) {
            return Optional.empty();
        }
        VenReports.Queued queued = ven.queue.removeFirst();
        for (String id : queued.reportRequestIds()) {
            ReportRequestView r = ven.requests.get(id);
            if (r != null) {
                ven.update(queued.cancel() ? r.cancelSent(now) : r.sent(now));
            }
        }
        return Optional.of(queued.message());
    }

    /** The VEN's oadrCreatedReport or oadrCanceledReport: its code for what the message asked, and what is pending. */
    public synchronized void answered(String venId, EiResponseType response, OadrPendingReportsType pending,
            boolean cancel) {
        VenReports ven = ven(venId);
        List<String> pendingIds = pending == null ? List.of() : pending.getReportRequestID();
        List<String> asked = ven.byMessage.getOrDefault(response.getRequestID(), List.of());
        for (ReportRequestView r : List.copyOf(ven.requests.values())) {
            boolean named = asked.contains(r.reportRequestId());
            String answer = named && !cancel ? response.getResponseCode() : r.venAnswerCode();
            String cancelAnswer = named && cancel ? response.getResponseCode() : r.cancelAnswerCode();
            ven.update(r.answered(answer, cancelAnswer, pendingIds.contains(r.reportRequestId())));
        }
    }

    public synchronized void receive(String venId, List<ReceivedReport> reports) {
        VenReports ven = ven(venId);
        for (ReceivedReport report : reports) {
            ven.receive(report);
            ReportRequestView r = ven.requests.get(report.reportRequestId());
            if (r != null) {
                ven.update(r.reported());
            }
        }
    }

    public synchronized Optional<ReportRequestView> request(String reportRequestId) {
        return byVen.values().stream().map(v -> v.requests.get(reportRequestId)).filter(r -> r != null)
                .findFirst();
    }

    public synchronized List<ReportRequestView> requests(String venId) {
        return List.copyOf(ven(venId).requests.values());
    }

    /** What the VEN sent, oldest first; only of one request when {@code reportRequestId} is given. */
    public synchronized List<ReceivedReport> received(String venId, String reportRequestId) {
        return ven(venId).received.stream()
                .filter(r -> reportRequestId == null || reportRequestId.equals(r.reportRequestId())).toList();
    }

    private VenReports ven(String venId) {
        return byVen.computeIfAbsent(venId == null ? "" : venId, id -> new VenReports());
    }

    private static OfferedReport offered(OadrReportType metadata) {
        return new OfferedReport(metadata.getReportName(), metadata.getReportSpecifierID(),
                metadata.getOadrReportDescription().stream().map(OadrReportDescriptionType::getRID).toList());
    }
}
