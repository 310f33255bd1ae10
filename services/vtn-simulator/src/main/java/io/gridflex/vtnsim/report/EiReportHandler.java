package io.gridflex.vtnsim.report;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gridflex.openadr.OadrReports;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.EiResponseType;
import io.gridflex.openadr.model.oadr.OadrCancelReportType;
import io.gridflex.openadr.model.oadr.OadrCanceledReportType;
import io.gridflex.openadr.model.oadr.OadrCreateReportType;
import io.gridflex.openadr.model.oadr.OadrCreatedReportType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrRegisterReportType;
import io.gridflex.openadr.model.oadr.OadrRegisteredReportType;
import io.gridflex.openadr.model.oadr.OadrReportRequestType;
import io.gridflex.openadr.model.oadr.OadrResponseType;
import io.gridflex.openadr.model.oadr.OadrUpdateReportType;
import io.gridflex.openadr.model.oadr.OadrUpdatedReportType;
import io.gridflex.vtnsim.openadr.MessageHandler;
import io.gridflex.vtnsim.openadr.OadrReplies;
import io.gridflex.vtnsim.ven.VenRegistry;
import io.gridflex.vtnsim.vtnreport.VenAnswer;
import io.gridflex.vtnsim.vtnreport.VtnReportBook;

/**
 * EiReport. A VEN registers the reports it offers (oadrRegisterReport): they are kept, and the oadrRegisteredReport
 * asks for what the admin script says ({@code PUT /admin/reports/on-registration}), nothing by default. The VEN's
 * oadrUpdateReports are kept for the admin API and acknowledged; its answers to this VTN's requests and
 * cancellations (oadrCreatedReport, oadrCanceledReport) are recorded against them. This VTN's own reports, which a
 * VEN may ask for (in its oadrRegisteredReport answering our oadrRegisterReport, or an oadrCreateReport) and cancel
 * (oadrCancelReport), are the {@link VtnReportBook}'s; the VEN's oadrUpdatedReports are recorded there.
 */
@ApplicationScoped
public class EiReportHandler implements MessageHandler {

    public static final String SERVICE = "EiReport";
    private static final Logger LOG = Logger.getLogger(EiReportHandler.class);

    private final VenRegistry registry;
    private final ReportBook book;
    private final VtnReportBook vtnReports;
    private final Clock clock;

    public EiReportHandler(VenRegistry registry, ReportBook book, VtnReportBook vtnReports, Clock clock) {
        this.registry = registry;
        this.book = book;
        this.vtnReports = vtnReports;
        this.clock = clock;
    }

    @Override
    public Optional<OadrPayload> handle(Object message) {
        return switch (message) {
            case OadrRegisterReportType register -> register(register);
            case OadrUpdateReportType update -> update(update);
            // The VEN asks for, or cancels, reports of this VTN's own.
            case OadrCreateReportType create -> registry.isRegistered(create.getVenID())
                    ? Optional.of(vtnReports.request(create.getVenID(), create.getOadrReportRequest(),
                            create.getRequestID(), "oadrCreateReport", clock.instant()))
                    : reply(create.getVenID(), create.getRequestID(), OadrReplies::createdReport);
            case OadrCancelReportType cancel -> registry.isRegistered(cancel.getVenID())
                    ? Optional.of(vtnReports.cancel(cancel.getVenID(), cancel.getReportRequestID(),
                            cancel.getRequestID()))
                    : reply(cancel.getVenID(), cancel.getRequestID(), OadrReplies::canceledReport);
            case OadrUpdatedReportType updated -> {
                if (registry.isRegistered(updated.getVenID()) && updated.getEiResponse() != null) {
                    vtnReports.answered(new VenAnswer(updated.getVenID(), updated.getEiResponse().getRequestID(),
                            updated.getEiResponse().getResponseCode(),
                            updated.getEiResponse().getResponseDescription(), clock.instant()));
                }
                yield acknowledge(updated.getVenID(), updated.getEiResponse());
            }
            // A VEN's answers to report messages a VTN started: acknowledged like any other VEN answer.
            case OadrCreatedReportType created -> {
                if (registry.isRegistered(created.getVenID())) {
                    book.answered(created.getVenID(), created.getEiResponse(), created.getOadrPendingReports(),
                            false);
                }
                yield acknowledge(created.getVenID(), created.getEiResponse());
            }
            case OadrCanceledReportType canceled -> {
                if (registry.isRegistered(canceled.getVenID())) {
                    book.answered(canceled.getVenID(), canceled.getEiResponse(), canceled.getOadrPendingReports(),
                            true);
                }
                yield acknowledge(canceled.getVenID(), canceled.getEiResponse());
            }
            // The VEN's answer to this VTN's metadata, which may ask for reports right away.
            case OadrRegisteredReportType registered -> registry.isRegistered(registered.getVenID())
                    && !registered.getOadrReportRequest().isEmpty()
                            ? Optional.of(vtnReports.request(registered.getVenID(),
                                    registered.getOadrReportRequest(), requestId(registered.getEiResponse()),
                                    "oadrRegisteredReport", clock.instant()))
                            : acknowledge(registered.getVenID(), registered.getEiResponse());
            case OadrResponseType response -> Optional.empty();
            default -> OadrReplies.notRecognized(SERVICE, message);
        };
    }

    private Optional<OadrPayload> register(OadrRegisterReportType register) {
        String venId = register.getVenID();
        if (venId == null || !registry.isRegistered(venId)) {
            return reply(venId, register.getRequestID(), OadrReplies::registeredReport);
        }
        List<OadrReportRequestType> requests = book.registered(venId, register.getRequestID(),
                register.getOadrReport(), clock.instant());
        LOG.infof("VEN %s registered %d report(s); asking for %d", venId, register.getOadrReport().size(),
                requests.size());
        return Optional.of(OadrReports.registeredReport(OadrReplies.ok(register.getRequestID()), venId, requests));
    }

    private Optional<OadrPayload> update(OadrUpdateReportType update) {
        String venId = update.getVenID();
        if (venId != null && registry.isRegistered(venId)) {
            Instant now = clock.instant();
            book.receive(venId, update.getOadrReport().stream().map(r -> UpdateReader.read(venId, r, now)).toList());
            LOG.debugf("VEN %s sent %d report(s)", venId, update.getOadrReport().size());
            Optional<OadrPayload> reply = reply(venId, update.getRequestID(), OadrReplies::updatedReport);
            // A cancellation queued to ride on this reply goes with it.
            book.piggyBackFor(venId, now).ifPresent(
                    cancel -> reply.orElseThrow().getOadrSignedObject().getOadrUpdatedReport()
                            .setOadrCancelReport(cancel));
            return reply;
        }
        return reply(venId, update.getRequestID(), OadrReplies::updatedReport);
    }

    /** The venID is optional in report messages; when one is given it must be a registered VEN. */
    private Optional<OadrPayload> reply(String venId, String requestId,
            BiFunction<EiResponseType, String, OadrPayload> build) {
        EiResponseType response = venId != null && !registry.isRegistered(venId)
                ? OadrReplies.error(OadrResponseCode.INVALID_ID, "VEN " + venId + " is not registered", requestId)
                : OadrReplies.ok(requestId);
        return Optional.of(build.apply(response, venId));
    }

    private static String requestId(EiResponseType response) {
        return response == null ? null : response.getRequestID();
    }

    private Optional<OadrPayload> acknowledge(String venId, EiResponseType theirs) {
        String requestId = theirs == null ? null : theirs.getRequestID();
        if (venId != null && !registry.isRegistered(venId)) {
            return Optional.of(OadrReplies.response(OadrResponseCode.INVALID_ID, "VEN " + venId + " is not registered",
                    requestId, venId));
        }
        return Optional.of(OadrReplies.response(OadrResponseCode.OK, OadrResponseCode.OK.description(), requestId,
                venId));
    }
}
