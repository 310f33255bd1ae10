package io.gridflex.gateway.vtnreport;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.registration.RegistrationState;
import io.gridflex.gateway.vtn.VtnAnswers;
import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.gateway.vtn.VtnService;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.oadr.OadrCanceledReportType;
import io.gridflex.openadr.model.oadr.OadrCreatedReportType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrRegisterReportType;
import io.gridflex.openadr.model.oadr.OadrReportRequestType;
import io.gridflex.openadr.model.oadr.OadrResponseType;
import io.gridflex.openadr.model.oadr.OadrUpdateReportType;
import io.gridflex.support.db.Transactions;

/**
 * One program's requests for its VTN's own reports (EiReport with this VEN as the requesting party):
 * <ul>
 * <li>the VTN's oadrRegisterReport: its offers are stored, and the oadrRegisteredReport that answers it carries a
 * request for each configured report the VTN offers (a request piggy-backed on the answer);</li>
 * <li>an operator's request: an oadrCreateReport of one or more requests; its cancellation: an oadrCancelReport;</li>
 * <li>the VTN's oadrCreatedReport (its answer to our requests) marks them ACTIVE or REFUSED;</li>
 * <li>the VTN's oadrUpdateReport: its readings are stored before it is answered (oadrUpdatedReport); a report that
 * cannot be taken whole is refused with its code and nothing of it is kept.</li>
 * </ul>
 * Every request is stored before it is sent. One lock per program orders these steps.
 */
public final class VtnReportDesk {

    private static final Logger LOG = Logger.getLogger(VtnReportDesk.class);

    /** What a message of the VTN's was answered with. */
    public record Outcome(OadrResponseCode code, String detail) {
    }

    /** What the operator sees: the VTN's offers under the current registration, and every request of ours. */
    public record Overview(List<VtnOffer> offers, List<VtnRequest> requests) {
    }

    private final String program;
    private final List<WantedReport> configured;
    private final VtnClient client;
    private final RegistrationState state;
    private final Transactions transactions;
    private final VtnReportRepository repository;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();

    public VtnReportDesk(String program, List<WantedReport> configured, VtnClient client, RegistrationState state,
            Transactions transactions, VtnReportRepository repository, GatewayMetrics metrics, Clock clock) {
        this.program = program;
        this.configured = List.copyOf(configured);
        this.client = client;
        this.state = state;
        this.transactions = transactions;
        this.repository = repository;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** After a registration is obtained or renewed: the requests of any other registration have ended. */
    public void registered(Registration registration) {
        int ended = transactions.inTransaction(c -> repository.endOtherRegistrations(c, program,
                registration.venId(), registration.registrationId(), clock.instant()));
        if (ended > 0) {
            LOG.infof("program %s: %d request(s) for the VTN's reports ended with an earlier registration", program,
                    ended);
        }
    }

    /** The VTN's metadata: stored, answered with a request for each configured report it offers. */
    public Outcome metadata(OadrRegisterReportType register, Registration registration, VtnAnswers answers) {
        lock.lock();
        try {
            Instant now = clock.instant();
            List<VtnOffer> offers = register.getOadrReport().stream().map(VtnOffer::of)
                    .filter(o -> !o.reportSpecifierId().isEmpty()).toList();
            List<VtnRequest> open = requests().stream()
                    .filter(r -> r.status().open() && r.registrationId().equals(registration.registrationId()))
                    .toList();
            List<VtnRequest> asked = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (WantedReport wanted : configured) {
                VtnReportPlan.Planned planned = VtnReportPlan.plan(wanted, offers);
                if (!planned.possible()) {
                    problems.add(planned.problem());
                } else if (wanted.reportBack().isZero() || open.stream().noneMatch(r -> same(r, planned))) {
                    // A one-shot report is asked for with each registration of the VTN's metadata; a periodic one
                    // that is still coming is not asked for twice.
                    asked.add(newRequest(planned, registration, VtnRequest.PIGGY_BACKED, now));
                }
            }
            transactions.inTransaction(c -> {
                repository.replaceOffers(c, program, registration.venId(), registration.registrationId(), offers,
                        now);
                for (VtnRequest request : asked) {
                    repository.save(c, request, now);
                }
                return null;
            });
            problems.forEach(p -> LOG.warnf("program %s: a configured VTN report is not asked for: %s", program, p));
            Optional<OadrPayload> ack = answers.answer(VtnService.REPORT, OadrReports.registeredReport(
                    OadrMessages.eiResponse(OadrResponseCode.OK, OadrResponseCode.OK.description(),
                            register.getRequestID()),
                    registration.venId(), asked.stream().map(VtnReportDesk::oadr).toList()));
            asked.forEach(r -> metrics.vtnReport(program, "requested"));
            String answer = ack.map(reply -> acknowledged(reply, asked)).orElse("answered in the HTTP response");
            String detail = "the VTN's oadrRegisterReport of " + offers.size() + " report(s) stored; " + asked.size()
                    + " requested in our oadrRegisteredReport" + (problems.isEmpty() ? "" : ", " + problems)
                    + "; " + answer;
            LOG.infof("program %s: %s", program, detail);
            return new Outcome(OadrResponseCode.OK, detail);
        } finally {
            lock.unlock();
        }
    }

    /** The VTN's oadrCreatedReport sent on its own (push): it answers our piggy-backed requests. */
    public Outcome created(OadrCreatedReportType created, Registration registration, VtnAnswers answers) {
        lock.lock();
        try {
            String detail = applyCreated(created, null);
            Optional<OadrPayload> ack = answers.answer(VtnService.REPORT, OadrMessages.response(OadrResponseCode.OK,
                    OadrResponseCode.OK.description(), requestId(created), registration.venId()));
            ack.filter(reply -> !ok(reply)).ifPresent(reply -> metrics.answerRefused("oadrResponse"));
            return new Outcome(OadrResponseCode.OK, detail);
        } finally {
            lock.unlock();
        }
    }

    /** The VTN's oadrUpdateReport: stored whole, then answered; or refused whole, keeping nothing. */
    public Outcome update(OadrUpdateReportType update, Registration registration, VtnAnswers answers) {
        lock.lock();
        try {
            Instant now = clock.instant();
            Map<String, VtnRequest> requests = requests().stream()
                    .collect(Collectors.toMap(VtnRequest::reportRequestId, Function.identity()));
            UpdateReader.Read read = UpdateReader.read(update, requests, now);
            OadrResponseCode code = read.code();
            String detail = read.problem();
            if (read.ok()) {
                try {
                    int written = transactions.inTransaction(c -> {
                        int rows = repository.saveReadings(c, program, read.readings(), now);
                        for (String id : read.reportRequestIds()) {
                            repository.save(c, afterUpdate(requests.get(id), now), now);
                        }
                        return rows;
                    });
                    detail = read.readings().size() + " reading(s) of " + read.reportRequestIds() + ", " + written
                            + " new or newer";
                } catch (RuntimeException e) {
                    // Answered as an error so the VTN sends it again; nothing of it was kept.
                    code = OadrResponseCode.DEPLOYMENT_ERROR_OR_OTHER;
                    detail = "the report could not be stored, nothing of it was kept: " + e.getMessage();
                    LOG.errorf(e, "program %s: the VTN's oadrUpdateReport could not be stored", program);
                }
            }
            metrics.vtnReport(program, code.isSuccess() ? "update-stored" : "update-refused");
            Optional<OadrPayload> ack = answers.answer(VtnService.REPORT, OadrReports.updatedReport(
                    OadrMessages.eiResponse(code, code.isSuccess() ? code.description() : detail,
                            update.getRequestID()),
                    registration.venId()));
            ack.filter(reply -> !ok(reply)).ifPresent(reply -> metrics.answerRefused("oadrUpdatedReport"));
            if (code.isSuccess()) {
                LOG.debugf("program %s: VTN report stored: %s", program, detail);
            } else {
                LOG.warnf("program %s: refused the VTN's oadrUpdateReport (%d): %s", program, code.code(), detail);
            }
            return new Outcome(code, detail);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks the VTN for reports it offered, in one oadrCreateReport.
     *
     * @return the requests as they stand after the VTN's answer
     * @throws IllegalStateException when the program is not registered
     * @throws IllegalArgumentException when the VTN does not offer a report as asked, saying why; nothing is sent
     * @throws VtnReportException when the VTN could not be reached or its answer not read; the requests are REFUSED
     */
    public List<VtnRequest> request(List<WantedReport> wanted) {
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("no report asked for");
        }
        lock.lock();
        try {
            Registration registration = state.current()
                    .orElseThrow(() -> new IllegalStateException("program " + program + " is not registered"));
            Instant now = clock.instant();
            List<VtnOffer> offers = transactions.read(c -> repository.offers(c, program, registration.venId(),
                    registration.registrationId()));
            List<VtnRequest> asked = new ArrayList<>();
            for (WantedReport w : wanted) {
                VtnReportPlan.Planned planned = VtnReportPlan.plan(w, offers);
                if (!planned.possible()) {
                    throw new IllegalArgumentException(planned.problem());
                }
                asked.add(newRequest(planned, registration, VtnRequest.CREATE_REPORT, now));
            }
            saveAll(asked, now);
            OadrPayload reply;
            try {
                reply = client.exchange(VtnService.REPORT, OadrReports.createReport(UUID.randomUUID().toString(),
                        registration.venId(), asked.stream().map(VtnReportDesk::oadr).toList()));
            } catch (RuntimeException e) {
                saveAll(asked.stream().map(r -> r.with(VtnRequest.Status.REFUSED, "not delivered: " + e.getMessage()))
                        .toList(), clock.instant());
                throw new VtnReportException("the VTN could not be asked: " + e.getMessage(), e);
            }
            asked.forEach(r -> metrics.vtnReport(program, "requested"));
            LOG.infof("program %s: asked the VTN for %d report(s) (oadrCreateReport); %s", program, asked.size(),
                    acknowledged(reply, asked));
            List<String> ids = asked.stream().map(VtnRequest::reportRequestId).toList();
            return requests().stream().filter(r -> ids.contains(r.reportRequestId())).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cancels one of our requests (oadrCancelReport, no report to follow).
     *
     * @throws java.util.NoSuchElementException for a request this program never made
     * @throws IllegalStateException when it is no longer open
     * @throws VtnReportException when the VTN refused, could not be reached or answered unreadably; it stays open
     */
    public VtnRequest cancel(String reportRequestId) {
        lock.lock();
        try {
            VtnRequest request = requests().stream().filter(r -> r.reportRequestId().equals(reportRequestId))
                    .findFirst().orElseThrow(() -> new java.util.NoSuchElementException(
                            "program " + program + " made no report request " + reportRequestId));
            if (!request.status().open()) {
                throw new IllegalStateException("report request " + reportRequestId + " is " + request.status());
            }
            OadrPayload reply;
            try {
                reply = client.exchange(VtnService.REPORT, OadrReports.cancelReport(UUID.randomUUID().toString(),
                        List.of(reportRequestId), false, request.venId()));
            } catch (RuntimeException e) {
                throw new VtnReportException("the VTN could not be reached: " + e.getMessage(), e);
            }
            if (!(OadrMessages.body(reply) instanceof OadrCanceledReportType canceled)
                    || !OadrResponseCode.OK.text().equals(canceled.getEiResponse().getResponseCode().strip())) {
                metrics.vtnReport(program, "cancel-refused");
                throw new VtnReportException("the VTN did not cancel it: " + describe(reply), null);
            }
            VtnRequest cancelled = request.with(VtnRequest.Status.CANCELLED, "cancelled by this VEN");
            saveAll(List.of(cancelled), clock.instant());
            metrics.vtnReport(program, "cancelled");
            LOG.infof("program %s: cancelled our request %s for the VTN's %s", program, reportRequestId,
                    request.reportSpecifierId());
            return cancelled;
        } finally {
            lock.unlock();
        }
    }

    public Overview overview() {
        Optional<Registration> registration = state.current();
        List<VtnOffer> offers = registration.isEmpty()
                ? List.of()
                : transactions.read(c -> repository.offers(c, program, registration.get().venId(),
                        registration.get().registrationId()));
        return new Overview(offers, requests());
    }

    /** @throws java.util.NoSuchElementException for a request this program never made */
    public List<VtnReading> readings(String reportRequestId, Instant from, int limit) {
        if (requests().stream().noneMatch(r -> r.reportRequestId().equals(reportRequestId))) {
            throw new java.util.NoSuchElementException("program " + program + " made no report request "
                    + reportRequestId);
        }
        return transactions.read(c -> repository.readings(c, program, reportRequestId, from, limit));
    }

    /** The VTN's reply to our requests, applied; in a few words for the log. */
    private String acknowledged(OadrPayload reply, List<VtnRequest> asked) {
        if (OadrMessages.body(reply) instanceof OadrCreatedReportType created) {
            return applyCreated(created, asked.stream().map(VtnRequest::reportRequestId).toList());
        }
        if (asked.isEmpty() && ok(reply)) {
            return "the VTN acknowledged";
        }
        if (!ok(reply)) {
            metrics.answerRefused(asked.isEmpty() ? "oadrRegisteredReport" : "oadrReportRequest");
            saveAll(asked.stream().map(r -> r.with(VtnRequest.Status.REFUSED, "the VTN answered "
                    + describe(reply))).toList(), clock.instant());
            return "the VTN answered " + describe(reply);
        }
        // 200 without oadrCreatedReport: the requests stay REQUESTED; the first report makes one ACTIVE.
        return "the VTN acknowledged without oadrCreatedReport";
    }

    /**
     * The VTN's oadrCreatedReport: our requests it lists as pending are ACTIVE; one it does not list is REFUSED (with
     * the VTN's code when not 200), except a one-shot report under 200, which may still come; an ACTIVE request
     * missing from the list is COMPLETED, the list being all the VTN has pending for us.
     *
     * @param asked the requests it answers; null: every one still REQUESTED
     */
    private String applyCreated(OadrCreatedReportType created, List<String> asked) {
        List<String> pending = created.getOadrPendingReports() == null
                ? List.of()
                : created.getOadrPendingReports().getReportRequestID().stream().map(String::strip).toList();
        boolean ok = created.getEiResponse() != null && OadrResponseCode.OK.text()
                .equals(created.getEiResponse().getResponseCode().strip());
        String refusal = created.getEiResponse() == null
                ? "no eiResponse"
                : created.getEiResponse().getResponseCode() + " " + created.getEiResponse().getResponseDescription();
        List<VtnRequest> changed = new ArrayList<>();
        for (VtnRequest r : requests()) {
            boolean listed = pending.contains(r.reportRequestId());
            boolean answered = asked == null
                    ? r.status() == VtnRequest.Status.REQUESTED
                    : asked.contains(r.reportRequestId());
            if (answered && listed) {
                changed.add(r.with(VtnRequest.Status.ACTIVE, null));
            } else if (answered && (!ok || !r.oneShot())) {
                changed.add(r.with(VtnRequest.Status.REFUSED, ok ? "the VTN did not list it as pending" : refusal));
            } else if (!answered && r.status() == VtnRequest.Status.ACTIVE && !listed) {
                changed.add(r.with(VtnRequest.Status.COMPLETED, "the VTN no longer lists it as pending"));
            }
        }
        saveAll(changed, clock.instant());
        changed.stream().filter(r -> r.status() == VtnRequest.Status.REFUSED)
                .forEach(r -> metrics.vtnReport(program, "refused"));
        return "the VTN's oadrCreatedReport (" + refusal + ") lists " + pending.size() + " pending; "
                + changed.stream().map(r -> r.reportRequestId() + " " + r.status()).toList();
    }

    private VtnRequest afterUpdate(VtnRequest request, Instant now) {
        VtnRequest.Status status = request.status();
        if (status.open()) {
            status = request.oneShot() ? VtnRequest.Status.COMPLETED : VtnRequest.Status.ACTIVE;
        }
        String detail = status == VtnRequest.Status.COMPLETED && request.status().open()
                ? "its one report arrived"
                : request.detail();
        return request.with(status, detail).updatedAt(now);
    }

    private VtnRequest newRequest(VtnReportPlan.Planned planned, Registration registration, String via,
            Instant now) {
        return new VtnRequest(program, "gf-" + UUID.randomUUID(), planned.offer().reportSpecifierId(),
                planned.offer().deliveredName(), planned.rIds(), planned.wanted().granularity(),
                planned.wanted().reportBack(), registration.venId(), registration.registrationId(),
                VtnRequest.Status.REQUESTED, via, null, now, null);
    }

    private static boolean same(VtnRequest request, VtnReportPlan.Planned planned) {
        return request.reportSpecifierId().equals(planned.offer().reportSpecifierId())
                && request.rIds().equals(planned.rIds())
                && request.granularity().equals(planned.wanted().granularity())
                && request.reportBack().equals(planned.wanted().reportBack());
    }

    private static OadrReportRequestType oadr(VtnRequest request) {
        return OadrReports.reportRequest(request.reportRequestId(), request.reportSpecifierId(),
                request.granularity(), request.reportBack(), request.rIds());
    }

    private List<VtnRequest> requests() {
        return transactions.read(c -> repository.requests(c, program));
    }

    private void saveAll(List<VtnRequest> requests, Instant now) {
        if (requests.isEmpty()) {
            return;
        }
        transactions.inTransaction(c -> {
            for (VtnRequest r : requests) {
                repository.save(c, r, now);
            }
            return null;
        });
    }

    private static String requestId(OadrCreatedReportType created) {
        return created.getEiResponse() == null ? null : created.getEiResponse().getRequestID();
    }

    private static boolean ok(OadrPayload reply) {
        Object body = OadrMessages.body(reply);
        if (body instanceof OadrResponseType response) {
            return OadrResponseCode.OK.text().equals(response.getEiResponse().getResponseCode().strip());
        }
        return body instanceof OadrCreatedReportType;
    }

    private static String describe(OadrPayload reply) {
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
