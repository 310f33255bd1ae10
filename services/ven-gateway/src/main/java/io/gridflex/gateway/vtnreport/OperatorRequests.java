package io.gridflex.gateway.vtnreport;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.registration.RegistrationState;
import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.gateway.vtn.VtnReplies;
import io.gridflex.gateway.vtn.VtnService;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.model.oadr.OadrCanceledReportType;
import io.gridflex.openadr.model.oadr.OadrPayload;

/** An operator's requests for the VTN's reports: oadrCreateReport to ask, oadrCancelReport to cancel. */
public final class OperatorRequests {

    private static final Logger LOG = Logger.getLogger(OperatorRequests.class);

    private final String program;
    private final VtnClient client;
    private final RegistrationState state;
    private final VtnReportStore store;
    private final VtnAnswersToRequests answers;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final ReentrantLock lock;

    OperatorRequests(String program, VtnClient client, RegistrationState state, VtnReportStore store,
            VtnAnswersToRequests answers, GatewayMetrics metrics, Clock clock, ReentrantLock lock) {
        this.program = program;
        this.client = client;
        this.state = state;
        this.store = store;
        this.answers = answers;
        this.metrics = metrics;
        this.clock = clock;
        this.lock = lock;
    }

    /**
     * Asks the VTN for reports it offered, in one oadrCreateReport.
     *
     * @return the requests as they stand after the VTN's answer, in the order asked
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
            List<VtnOffer> offers = store.offers(registration);
            List<VtnRequest> asked = new ArrayList<>();
            for (WantedReport w : wanted) {
                VtnReportPlan.Planned planned = VtnReportPlan.plan(w, offers);
                if (!planned.possible()) {
                    throw new IllegalArgumentException(planned.problem());
                }
                asked.add(planned.request(program, registration, VtnRequest.CREATE_REPORT, now));
            }
            store.save(asked, now);
            OadrPayload reply;
            try {
                reply = client.exchange(VtnService.REPORT, OadrReports.createReport(UUID.randomUUID().toString(),
                        registration.venId(), asked.stream().map(VtnRequest::oadr).toList()));
            } catch (RuntimeException e) {
                store.save(
                        asked.stream().map(r -> r.with(VtnRequest.Status.REFUSED, "not delivered: " + e.getMessage()))
                                .toList(),
                        clock.instant());
                throw new VtnReportException("the VTN could not be asked: " + e.getMessage(), e);
            }
            asked.forEach(r -> metrics.vtnReport(program, "requested"));
            LOG.infof("program %s: asked the VTN for %d report(s) (oadrCreateReport); %s", program, asked.size(),
                    answers.acknowledged(reply, asked));
            List<String> ids = asked.stream().map(VtnRequest::reportRequestId).toList();
            // In the order asked, as the VTN's answer left them.
            Map<String, VtnRequest> byId = store.requests().stream()
                    .collect(Collectors.toMap(VtnRequest::reportRequestId, Function.identity()));
            return ids.stream().map(byId::get).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cancels one of our requests (oadrCancelReport, no report to follow).
     *
     * @throws NoSuchElementException for a request this program never made
     * @throws IllegalStateException when it is no longer open
     * @throws VtnReportException when the VTN refused, could not be reached or answered unreadably; it stays open
     */
    public VtnRequest cancel(String reportRequestId) {
        lock.lock();
        try {
            VtnRequest request = store.requests().stream().filter(r -> r.reportRequestId().equals(reportRequestId))
                    .findFirst().orElseThrow(() -> new NoSuchElementException(
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
                    || !VtnReplies.ok(canceled.getEiResponse())) {
                metrics.vtnReport(program, "cancel-refused");
                throw new VtnReportException("the VTN did not cancel it: " + VtnReplies.describe(reply),
                        null);
            }
            VtnRequest cancelled = request.with(VtnRequest.Status.CANCELLED, "cancelled by this VEN");
            store.save(List.of(cancelled), clock.instant());
            metrics.vtnReport(program, "cancelled");
            LOG.infof("program %s: cancelled our request %s for the VTN's %s", program, reportRequestId,
                    request.reportSpecifierId());
            return cancelled;
        } finally {
            lock.unlock();
        }
    }

}
