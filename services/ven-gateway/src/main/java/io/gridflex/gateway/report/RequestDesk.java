package io.gridflex.gateway.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.gridflex.gateway.registration.Registration;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.oadr.OadrReportRequestType;

/**
 * Takes in a VTN's report requests and cancellations for one program and keeps them in the database. Each request
 * of a message is judged on its own, so a bad one never costs the good ones beside it; the answer's code is the
 * worst of the refusals (452 before 454), and its description names each.
 */
final class RequestDesk {

    /** What the VTN is told, and what the VEN does next. */
    record Intake(OadrResponseCode code, String description, List<String> pending, List<RequestedReport> accepted,
            Optional<String> metadataRequest) {
    }

    /** The outcome of an oadrCancelReport. */
    record Cancellation(OadrResponseCode code, String description, List<String> pending,
            List<RequestedReport> cancelled) {
    }

    private final RequestBook store;
    private final RequestReader reader;

    RequestDesk(RequestBook store, ReportCatalog catalog) {
        this.store = store;
        this.reader = new RequestReader(catalog);
    }

    Intake take(List<OadrReportRequestType> requests, Registration registration, Instant now) {
        List<RequestedReport> accepted = new ArrayList<>();
        List<RequestVerdict.Refused> refused = new ArrayList<>();
        Optional<String> metadata = Optional.empty();
        for (OadrReportRequestType request : requests) {
            switch (reader.read(request, registration, now)) {
                case RequestVerdict.Accepted a -> {
                    RequestedReport report = a.report();
                    Optional<RequestedReport> held = store.find(report.reportRequestId())
                            .filter(h -> h.status().pending() && h.sameRequestAs(report));
                    // The same request again (a VTN repeating itself) keeps its cadence; a changed one replaces it.
                    if (held.isEmpty()) {
                        store.save(report, now);
                        accepted.add(report);
                    }
                }
                case RequestVerdict.MetadataRequested m -> metadata = Optional.of(m.reportRequestId());
                case RequestVerdict.Refused r -> refused.add(r);
            }
        }
        OadrResponseCode code = refused.stream().map(RequestVerdict.Refused::code)
                .min((a, b) -> Integer.compare(a.code(), b.code())).orElse(OadrResponseCode.OK);
        String description = refused.isEmpty()
                ? OadrResponseCode.OK.description()
                : String.join("; ", refused.stream().map(RequestVerdict.Refused::detail).toList());
        return new Intake(code, description, pendingIds(), accepted, metadata);
    }

    /**
     * Cancels the requests named. Cancelling one already over is acknowledged (cancelling twice is harmless); one
     * never made under this registration is 452, the others named beside it are cancelled all the same.
     */
    Cancellation cancel(List<String> reportRequestIds, boolean reportToFollow, Registration registration,
            Instant now) {
        List<String> unknown = new ArrayList<>();
        List<RequestedReport> cancelled = new ArrayList<>();
        for (String raw : reportRequestIds) {
            String id = raw == null ? "" : raw.strip();
            Optional<RequestedReport> held = store.find(id).filter(
                    r -> r.venId().equals(registration.venId())
                            && r.registrationId().equals(registration.registrationId()));
            if (held.isEmpty()) {
                unknown.add(id);
            } else if (held.get().status().pending()) {
                RequestedReport report = held.get().withStatus(reportToFollow
                        ? RequestedReport.Status.FINAL_REPORT
                        : RequestedReport.Status.CANCELLED);
                store.save(report, now);
                cancelled.add(report);
            }
        }
        OadrResponseCode code = unknown.isEmpty() ? OadrResponseCode.OK : OadrResponseCode.INVALID_ID;
        String description = unknown.isEmpty()
                ? OadrResponseCode.OK.description()
                : "no report request " + unknown + " was made of this VEN";
        return new Cancellation(code, description, pendingIds(), cancelled);
    }

    private List<String> pendingIds() {
        return store.pending().stream().map(RequestedReport::reportRequestId).toList();
    }
}
