package io.gridflex.vtnsim.vtnreport;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.ReportDataPoint;
import io.gridflex.openadr.ReportReading;
import io.gridflex.openadr.SamplingRate;
import io.gridflex.openadr.model.ei.ReportSpecifierType;
import io.gridflex.openadr.model.ei.SpecifierPayloadType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrReportRequestType;
import io.gridflex.openadr.model.oadr.OadrReportType;
import io.gridflex.vtnsim.openadr.OadrReplies;

/**
 * This VTN's own reports, as the reporting party: what it offers VENs (oadrRegisterReport), what each VEN asked of it
 * (oadrReportRequest, in an oadrRegisteredReport or an oadrCreateReport) and cancelled (oadrCancelReport), and every
 * value it sent (oadrUpdateReport). A report goes out when the VEN polls (or an admin call pushes it) and it is due:
 * a one-shot request at once, a periodic one every reportBackDuration, covering the time since the last in intervals
 * of its granularity. Values are a pure function of the data point and the interval start, so that a test can check
 * what a VEN stored against {@link #sent}. Every method is atomic.
 */
@ApplicationScoped
public class VtnReportBook {

    private static final Logger LOG = Logger.getLogger(VtnReportBook.class);

    private List<OfferSpec> offers = List.of();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, Deque<OadrPayload>> queued = new HashMap<>();
    private final List<SentReading> sent = new ArrayList<>();
    private final List<VenAnswer> answers = new ArrayList<>();

    /** What this VTN offers from now on (registered with a VEN by {@link #queueRegistration}). */
    public synchronized void offer(List<OfferSpec> newOffers) {
        offers = List.copyOf(newOffers);
    }

    public synchronized List<OfferSpec> offers() {
        return offers;
    }

    /** Queues this VTN's oadrRegisterReport of its offers for the VEN. */
    public synchronized void queueRegistration(String venId, Instant now) {
        List<OadrReportType> metadata = offers.stream().map(o -> OadrReports.metadata(o.reportName(),
                o.reportSpecifierId(), now, new SamplingRate(Duration.ofSeconds(o.minPeriodSeconds()),
                        Duration.ofSeconds(o.maxPeriodSeconds()), false),
                OadrMessages.kilowatts(),
                o.rIds().stream().map(r -> new ReportDataPoint(r, r, "usage", "Direct Read")).toList()))
                .toList();
        queued.computeIfAbsent(venId, id -> new ArrayDeque<>())
                .add(OadrReports.registerReport("vtn-register-" + UUID.randomUUID(), venId, metadata));
    }

    /**
     * The VEN's requests: each checked against the offers, the good ones taken. Answered with an oadrCreatedReport
     * listing every request of the VEN's still pending; its code is 200 when all were taken, else that of the first
     * refused, with every refusal described.
     */
    public synchronized OadrPayload request(String venId, List<OadrReportRequestType> requests, String requestId,
            String via, Instant now) {
        List<String> refusals = new ArrayList<>();
        OadrResponseCode code = OadrResponseCode.OK;
        for (OadrReportRequestType request : requests) {
            Refusal refusal = refusal(venId, request);
            if (refusal != null) {
                code = code.isSuccess() ? refusal.code() : code;
                refusals.add(refusal.detail());
                continue;
            }
            ReportSpecifierType specifier = request.getReportSpecifier();
            String id = request.getReportRequestID().strip();
            subscriptions.putIfAbsent(id, new Subscription(id, venId, specifier.getReportSpecifierID().strip(),
                    specifier.getSpecifierPayload().stream().map(p -> p.getRID().strip()).distinct().toList(),
                    seconds(specifier.getGranularity()), seconds(specifier.getReportBackDuration()), via, "ACTIVE",
                    now, now.truncatedTo(ChronoUnit.SECONDS), 0));
        }
        return OadrReports.createdReport(code.isSuccess()
                ? OadrReplies.ok(requestId)
                : OadrReplies.error(code, String.join("; ", refusals), requestId), venId, pending(venId));
    }

    /** The VEN cancels requests of its own: answered with oadrCanceledReport and what is still pending. */
    public synchronized OadrPayload cancel(String venId, List<String> reportRequestIds, String requestId) {
        List<String> unknown = new ArrayList<>();
        for (String raw : reportRequestIds) {
            String id = raw.strip();
            Subscription subscription = subscriptions.get(id);
            if (subscription == null || !subscription.venId().equals(venId)) {
                unknown.add(id);
            } else if (subscription.active()) {
                subscriptions.put(id, subscription.withStatus("CANCELLED"));
            }
        }
        return OadrReports.canceledReport(unknown.isEmpty()
                ? OadrReplies.ok(requestId)
                : OadrReplies.error(OadrResponseCode.INVALID_ID, "no report requests " + unknown + " of VEN " + venId,
                        requestId),
                venId, pending(venId));
    }

    /** The next message for the VEN: a queued registration of our reports, else a report that is due. */
    public synchronized Optional<OadrPayload> nextFor(String venId, Instant now) {
        Deque<OadrPayload> waiting = queued.get(venId);
        if (waiting != null && !waiting.isEmpty()) {
            return Optional.of(waiting.removeFirst());
        }
        for (Subscription s : subscriptions.values()) {
            if (s.venId().equals(venId) && s.active() && due(s, now)) {
                return Optional.of(report(s, now));
            }
        }
        return Optional.empty();
    }

    public synchronized void answered(VenAnswer answer) {
        answers.add(answer);
    }

    public synchronized List<Subscription> subscriptions(String venId) {
        return subscriptions.values().stream().filter(s -> s.venId().equals(venId)).toList();
    }

    public synchronized List<SentReading> sent(String reportRequestId) {
        return sent.stream().filter(r -> r.reportRequestId().equals(reportRequestId)).toList();
    }

    public synchronized List<VenAnswer> answers(String venId) {
        return answers.stream().filter(a -> a.venId().equals(venId)).toList();
    }

    /** The value of a data point over the interval starting at {@code start}: exact in a float. */
    static float value(String rId, Instant start) {
        return 1000f + Math.floorMod(rId.hashCode(), 9) * 100f + Math.floorMod(start.getEpochSecond(), 1000) * 0.25f;
    }

    private boolean due(Subscription s, Instant now) {
        if (s.oneShot()) {
            return s.reportsSent() == 0;
        }
        return !now.isBefore(s.sentUntil().plusSeconds(s.reportBackSeconds()));
    }

    /** One oadrUpdateReport of the subscription, which is then marked sent. */
    private OadrPayload report(Subscription s, Instant now) {
        String updateId = "vtn-update-" + UUID.randomUUID();
        List<ReportReading> readings = new ArrayList<>();
        Instant start;
        Instant end;
        if (s.oneShot()) {
            long step = s.granularitySeconds() > 0 ? s.granularitySeconds() : 60;
            end = now.truncatedTo(ChronoUnit.SECONDS);
            start = end.minusSeconds(step);
            add(readings, s, start, step, updateId);
        } else {
            long step = s.granularitySeconds() > 0 ? s.granularitySeconds() : s.reportBackSeconds();
            long count = Math.max(1, Duration.between(s.sentUntil(), now).toSeconds() / step);
            start = s.sentUntil();
            for (long i = 0; i < count; i++) {
                add(readings, s, start.plusSeconds(i * step), step, updateId);
            }
            end = start.plusSeconds(count * step);
        }
        subscriptions.put(s.reportRequestId(), s.sent(end));
        LOG.infof("Reporting %s (%s) to VEN %s: %d value(s) from %s to %s", s.reportRequestId(),
                s.reportSpecifierId(), s.venId(), readings.size(), start, end);
        OfferSpec offer = offers.stream().filter(o -> o.reportSpecifierId().equals(s.reportSpecifierId()))
                .findFirst().orElse(null);
        String name = offer == null ? "TELEMETRY_USAGE" : offer.delivered();
        return OadrReports.updateReport(updateId, s.venId(), List.of(OadrReports.telemetryReport(name,
                s.reportRequestId(), s.reportSpecifierId(), now, start, Duration.between(start, end), readings)));
    }

    private void add(List<ReportReading> readings, Subscription s, Instant start, long step, String updateId) {
        for (String rId : s.rIds()) {
            float value = value(rId, start);
            readings.add(new ReportReading(start, Duration.ofSeconds(step), rId, value, "Quality Good - Non Specific"));
            sent.add(new SentReading(s.reportRequestId(), rId, start, step, value, updateId));
        }
    }

    /** Why this VTN cannot take a request: 452 (invalid ID) or 454 (invalid data). */
    private record Refusal(OadrResponseCode code, String detail) {
    }

    /** Why this VTN cannot take the request, or null. */
    private Refusal refusal(String venId, OadrReportRequestType request) {
        String id = request.getReportRequestID() == null ? "" : request.getReportRequestID().strip();
        ReportSpecifierType specifier = request.getReportSpecifier();
        if (id.isEmpty() || specifier == null) {
            return new Refusal(OadrResponseCode.INVALID_DATA,
                    "a report request needs a reportRequestID and a reportSpecifier");
        }
        Subscription existing = subscriptions.get(id);
        if (existing != null && !existing.venId().equals(venId)) {
            return new Refusal(OadrResponseCode.INVALID_ID, "reportRequestID " + id + " is taken");
        }
        String specifierId = specifier.getReportSpecifierID() == null ? "" : specifier.getReportSpecifierID().strip();
        OfferSpec offer = offers.stream().filter(o -> o.reportSpecifierId().equals(specifierId)).findFirst()
                .orElse(null);
        if (offer == null) {
            return new Refusal(OadrResponseCode.INVALID_ID, "this VTN offers no report " + specifierId);
        }
        List<String> rIds = specifier.getSpecifierPayload().stream().map(SpecifierPayloadType::getRID)
                .map(r -> r == null ? "" : r.strip()).toList();
        if (rIds.isEmpty() || !offer.rIds().containsAll(rIds)) {
            return new Refusal(OadrResponseCode.INVALID_ID,
                    "request " + id + " names data points " + rIds + "; " + specifierId + " has " + offer.rIds());
        }
        long granularity = seconds(specifier.getGranularity());
        long reportBack = seconds(specifier.getReportBackDuration());
        if (granularity < 0 || reportBack < 0) {
            return new Refusal(OadrResponseCode.INVALID_DATA,
                    "request " + id + " has a negative granularity or reportBackDuration");
        }
        if (granularity > 0 && (granularity < offer.minPeriodSeconds() || granularity > offer.maxPeriodSeconds())) {
            return new Refusal(OadrResponseCode.INVALID_DATA,
                    "request " + id + ": granularity " + granularity + " s is outside " + offer.minPeriodSeconds()
                            + " to " + offer.maxPeriodSeconds() + " s");
        }
        if (reportBack > 0 && reportBack < offer.minPeriodSeconds()) {
            return new Refusal(OadrResponseCode.INVALID_DATA,
                    "request " + id + ": reportBackDuration " + reportBack + " s is shorter than "
                            + offer.minPeriodSeconds() + " s");
        }
        return null;
    }

    private List<String> pending(String venId) {
        return subscriptions.values().stream().filter(s -> s.venId().equals(venId) && s.active())
                .map(Subscription::reportRequestId).toList();
    }

    private static long seconds(io.gridflex.openadr.model.xcal.DurationPropType duration) {
        return duration == null || duration.getDuration() == null ? 0 : duration.getDuration().toSeconds();
    }
}
