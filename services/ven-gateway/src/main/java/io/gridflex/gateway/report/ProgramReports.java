package io.gridflex.gateway.report;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.history.UsageHistory;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.registration.RegistrationState;
import io.gridflex.gateway.vtn.VtnAnswers;
import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.gateway.vtn.VtnReplies;
import io.gridflex.gateway.vtn.VtnService;
import io.gridflex.gateway.vtnreport.VtnReportDesk;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.oadr.OadrCancelReportType;
import io.gridflex.openadr.model.oadr.OadrCreateReportType;
import io.gridflex.openadr.model.oadr.OadrCreatedReportType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrRegisterReportType;
import io.gridflex.openadr.model.oadr.OadrRegisteredReportType;
import io.gridflex.openadr.model.oadr.OadrReportRequestType;
import io.gridflex.openadr.model.oadr.OadrUpdateReportType;

/**
 * One program's reports (EiReport) with its VTN:
 * <ul>
 * <li>after registering, {@link #bootstrap} sends the program's metadata (oadrRegisterReport: TELEMETRY_USAGE and
 * TELEMETRY_STATUS per resource) unless this very registration already has it, and takes the requests the VTN's
 * oadrRegisteredReport carries;</li>
 * <li>{@link #answer} acts on what the VTN starts in a poll reply or a push: its own metadata, its
 * oadrCreatedReport and oadrUpdateReport (the VTN's own reports, which the {@link VtnReportDesk} asks for and keeps),
 * oadrCreateReport (oadrCreatedReport listing the pending reports; a request for METADATA sends the
 * metadata again) and oadrCancelReport (oadrCanceledReport);</li>
 * <li>the {@link ReportScheduler} sends the reports.</li>
 * </ul>
 */
public final class ProgramReports {

    private static final Logger LOG = Logger.getLogger(ProgramReports.class);

    /** What a VTN-initiated report message was answered with. */
    public record Answered(OadrResponseCode code, String detail) {
    }

    private final String program;
    private final ReportCatalog catalog;
    private final VtnClient client;
    private final RegistrationState state;
    private final ReportStore store;
    private final RequestDesk desk;
    private final ReportScheduler scheduler;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final VtnReportDesk vtnReports;

    ProgramReports(String program, ReportCatalog catalog, VtnClient client, RegistrationState state,
            ReportStore store, Sampler sampler, UsageHistory history, GatewayMetrics metrics,
            GatewayConfig.Reports config, Clock clock, VtnReportDesk vtnReports) {
        this.program = program;
        this.catalog = catalog;
        this.client = client;
        this.state = state;
        this.store = store;
        this.desk = new RequestDesk(store, catalog);
        this.scheduler = new ReportScheduler(program, state, store, sampler,
                new ReportSender(program, client, catalog, history, metrics), this::cancelPiggyBacked,
                config.maxIntervalsPerReport(), config.retryInterval(), clock);
        this.metrics = metrics;
        this.clock = clock;
        this.vtnReports = vtnReports;
    }

    public void start() {
        scheduler.start();
    }

    public void stop() throws InterruptedException {
        scheduler.stop();
    }

    /**
     * On the poll loop, after a registration is obtained or renewed and before events are asked for: forgets the
     * requests of any other registration, resumes this one's, and registers the metadata unless this registration
     * has it already (a restart reusing its registration resumes without asking the VTN anything).
     */
    public void bootstrap(Registration registration) {
        int dropped = store.keepOnly(registration);
        if (dropped > 0) {
            LOG.infof("program %s: %d report request(s) of an earlier registration forgotten", program, dropped);
        }
        scheduler.replaceAll(store.pending());
        vtnReports.registered(registration);
        if (!store.registered(registration, catalog.fingerprint())) {
            registerMetadata(registration, null);
        }
    }

    /** The answer to a VTN-initiated report message, or empty when {@code body} is not one. */
    public Optional<Answered> answer(Object body, Registration registration, VtnAnswers answers) {
        return switch (body) {
            case OadrRegisterReportType register -> Optional.of(of(vtnReports.metadata(register, registration,
                    answers)));
            case OadrUpdateReportType update -> Optional.of(of(vtnReports.update(update, registration, answers)));
            case OadrCreatedReportType created -> Optional.of(of(vtnReports.created(created, registration,
                    answers)));
            case OadrCreateReportType create -> Optional.of(create(create, registration, answers));
            case OadrCancelReportType cancel -> Optional.of(cancel(cancel, registration, answers));
            default -> Optional.empty();
        };
    }

    /** The VTN's own reports that this VEN asks for. */
    public VtnReportDesk vtnReports() {
        return vtnReports;
    }

    /** The reportRequestIDs being reported on now. */
    public List<String> running() {
        return scheduler.runningIds();
    }

    public ReportCatalog catalog() {
        return catalog;
    }

    private void registerMetadata(Registration registration, String forRequest) {
        Instant now = clock.instant();
        OadrPayload reply = client.exchange(VtnService.REPORT, OadrReports.registerReport(
                UUID.randomUUID().toString(), registration.venId(), catalog.metadata(now), forRequest));
        if (!(OadrMessages.body(reply) instanceof OadrRegisteredReportType registered)
                || !VtnReplies.ok(registered.getEiResponse())) {
            metrics.answerRefused("oadrRegisterReport");
            LOG.warnf("program %s: VTN did not accept our report metadata: %s", program, VtnReplies.describe(reply));
            return;
        }
        store.saveRegistration(registration, catalog.fingerprint(), now);
        LOG.infof("program %s: report metadata registered (%d resource(s)); %d report request(s) with it", program,
                catalog.resources().size(), registered.getOadrReportRequest().size());
        if (!registered.getOadrReportRequest().isEmpty()) {
            // Our own request's reply: the oadrCreatedReport is a request of ours, in either transport.
            takeRequests(registered.getOadrReportRequest(), registered.getEiResponse().getRequestID(), registration,
                    VtnAnswers.pull(client));
        }
    }

    private Answered create(OadrCreateReportType create, Registration registration, VtnAnswers answers) {
        return takeRequests(create.getOadrReportRequest(), create.getRequestID(), registration, answers);
    }

    /** Takes requests in, answers oadrCreatedReport, starts the accepted ones; a METADATA request re-registers. */
    private Answered takeRequests(List<OadrReportRequestType> requests, String requestId,
            Registration registration, VtnAnswers answers) {
        RequestDesk.Intake intake = desk.take(requests, registration, clock.instant());
        Optional<OadrPayload> ack;
        try {
            ack = answers.answer(VtnService.REPORT, OadrReports.createdReport(
                    OadrMessages.eiResponse(intake.code(), intake.description(), requestId), registration.venId(),
                    intake.pending()));
        } finally {
            // Stored, so carried out even when the answer could not be delivered (the VTN may ask again: the same
            // request again changes nothing).
            scheduler.admit(intake.accepted());
        }
        if (ack.isPresent() && !VtnReplies.ok(ack.get())) {
            metrics.answerRefused("oadrCreatedReport");
            LOG.warnf("program %s: VTN did not accept our oadrCreatedReport: %s", program,
                    VtnReplies.describe(ack.get()));
        }
        String detail = requests.size() + " report request(s): " + intake.accepted().size() + " accepted, "
                + (intake.code().isSuccess()
                        ? "none refused"
                        : "refused " + intake.code().code() + ": "
                                + intake.description())
                + "; pending " + intake.pending();
        LOG.infof("program %s: %s", program, detail);
        intake.metadataRequest().ifPresent(id -> registerMetadata(registration, id));
        return new Answered(intake.code(), detail + VtnReplies.describeAck(ack));
    }

    private Answered cancel(OadrCancelReportType cancel, Registration registration, VtnAnswers answers) {
        RequestDesk.Cancellation cancellation = desk.cancel(cancel.getReportRequestID(), cancel.isReportToFollow(),
                registration, clock.instant());
        Optional<OadrPayload> ack = answers.answer(VtnService.REPORT, OadrReports.canceledReport(
                OadrMessages.eiResponse(cancellation.code(), cancellation.description(), cancel.getRequestID()),
                registration.venId(), cancellation.pending()));
        if (ack.isPresent() && !VtnReplies.ok(ack.get())) {
            metrics.answerRefused("oadrCanceledReport");
            LOG.warnf("program %s: VTN did not accept our oadrCanceledReport: %s", program,
                    VtnReplies.describe(ack.get()));
        }
        scheduler.cancelled(cancellation.cancelled());
        String detail = "oadrCancelReport of " + cancel.getReportRequestID() + " (reportToFollow "
                + cancel.isReportToFollow() + "): " + cancellation.cancelled().size() + " cancelled"
                + (cancellation.code().isSuccess() ? "" : ", " + cancellation.description());
        LOG.infof("program %s: %s", program, detail);
        return new Answered(cancellation.code(), detail + VtnReplies.describeAck(ack));
    }

    /** An oadrCancelReport carried by the VTN's oadrUpdatedReport: handled like one sent in a poll reply. */
    private void cancelPiggyBacked(OadrCancelReportType cancel) {
        // The scheduler's thread; the registration is the one the report was sent under.
        state.current().ifPresent(registration -> cancel(cancel, registration, VtnAnswers.pull(client)));
    }

    private static Answered of(VtnReportDesk.Outcome outcome) {
        return new Answered(outcome.code(), outcome.detail());
    }
}
