package io.gridflex.gateway.vtnreport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.registration.RegistrationState;
import io.gridflex.gateway.vtn.VtnAnswers;
import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.gateway.vtn.VtnReplies;
import io.gridflex.gateway.vtn.VtnService;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.oadr.OadrCreatedReportType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrRegisterReportType;
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
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

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
    private final VtnReportStore store;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Duration retention;
    private Instant nextPrune = Instant.MIN;
    private final VtnAnswersToRequests replies;
    private final OperatorRequests operator;

    /**
     * @param retention how long readings are kept (by interval start); pruned at most hourly, after a report is
     *        stored
     */
    public VtnReportDesk(String program, List<WantedReport> configured, VtnClient client, RegistrationState state,
            Transactions transactions, VtnReportRepository repository, GatewayMetrics metrics, Clock clock,
            Duration retention) {
        this.retention = retention;
        this.program = program;
        this.configured = List.copyOf(configured);
        this.client = client;
        this.state = state;
        this.store = new VtnReportStore(program, transactions, repository);
        this.metrics = metrics;
        this.clock = clock;
        this.replies = new VtnAnswersToRequests(program, store, metrics, clock);
        this.operator = new OperatorRequests(program, client, state, store, replies, metrics, clock, lock);
    }

    /** After a registration is obtained or renewed: the requests of any other registration have ended. */
    public void registered(Registration registration) {
        int ended = store.endOtherRegistrations(registration, clock.instant());
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
            List<VtnRequest> open = store.requests().stream()
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
                    asked.add(planned.request(program, registration, VtnRequest.PIGGY_BACKED, now));
                }
            }
            store.offered(registration, offers, asked, now);
            problems.forEach(p -> LOG.warnf("program %s: a configured VTN report is not asked for: %s", program, p));
            Optional<OadrPayload> ack = answers.answer(VtnService.REPORT, OadrReports.registeredReport(
                    OadrMessages.eiResponse(OadrResponseCode.OK, OadrResponseCode.OK.description(),
                            register.getRequestID()),
                    registration.venId(), asked.stream().map(VtnRequest::oadr).toList()));
            asked.forEach(r -> metrics.vtnReport(program, "requested"));
            String answer = ack.map(reply -> replies.acknowledged(reply, asked))
                    .orElse("answered in the HTTP response");
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
            String detail = replies.applyCreated(created, null);
            Optional<OadrPayload> ack = answers.answer(VtnService.REPORT, OadrMessages.response(OadrResponseCode.OK,
                    OadrResponseCode.OK.description(), requestId(created), registration.venId()));
            ack.filter(reply -> !VtnReplies.ok(reply))
                    .ifPresent(reply -> metrics.answerRefused("oadrResponse"));
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
            Map<String, VtnRequest> requests = store.requests().stream()
                    .collect(Collectors.toMap(VtnRequest::reportRequestId, Function.identity()));
            UpdateReader.Read read = UpdateReader.read(update, requests, now);
            OadrResponseCode code = read.code();
            String detail = read.problem();
            if (read.ok()) {
                try {
                    int written = store.reported(read.readings(), read.reportRequestIds().stream()
                            .map(id -> RequestStates.afterReport(requests.get(id), now)).toList(), now);
                    detail = read.readings().size() + " reading(s) of " + read.reportRequestIds() + ", " + written
                            + " new or newer";
                    pruneWhenDue(now);
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
            ack.filter(reply -> !VtnReplies.ok(reply))
                    .ifPresent(reply -> metrics.answerRefused("oadrUpdatedReport"));
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

    /** Deletes readings older than the retention, at most once an hour; returns how many. */
    int pruneWhenDue(Instant now) {
        if (now.isBefore(nextPrune)) {
            return 0;
        }
        nextPrune = now.plus(PRUNE_EVERY);
        int pruned = store.pruneReadings(now.minus(retention));
        if (pruned > 0) {
            LOG.infof("program %s: %d reading(s) of the VTN's reports older than %s deleted", program, pruned,
                    retention);
        }
        return pruned;
    }

    /** An operator's requests and cancellations. */
    public OperatorRequests operator() {
        return operator;
    }

    public Overview overview() {
        Optional<Registration> registration = state.current();
        List<VtnOffer> offers = registration.map(store::offers).orElse(List.of());
        return new Overview(offers, store.requests());
    }

    /** @throws NoSuchElementException for a request this program never made */
    public List<VtnReading> readings(String reportRequestId, Instant from, int limit) {
        if (store.requests().stream().noneMatch(r -> r.reportRequestId().equals(reportRequestId))) {
            throw new NoSuchElementException("program " + program + " made no report request "
                    + reportRequestId);
        }
        return store.readings(reportRequestId, from, limit);
    }

    private static boolean same(VtnRequest request, VtnReportPlan.Planned planned) {
        return request.reportSpecifierId().equals(planned.offer().reportSpecifierId())
                && request.rIds().equals(planned.rIds())
                && request.granularity().equals(planned.wanted().granularity())
                && request.reportBack().equals(planned.wanted().reportBack());
    }

    private static String requestId(OadrCreatedReportType created) {
        return created.getEiResponse() == null ? null : created.getEiResponse().getRequestID();
    }
}
