package io.gridflex.vtnsim.report;

import java.util.Optional;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.EiResponseType;
import io.gridflex.openadr.model.oadr.OadrCancelReportType;
import io.gridflex.openadr.model.oadr.OadrCanceledReportType;
import io.gridflex.openadr.model.oadr.OadrCreateReportType;
import io.gridflex.openadr.model.oadr.OadrCreatedReportType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrRegisterReportType;
import io.gridflex.openadr.model.oadr.OadrRegisteredReportType;
import io.gridflex.openadr.model.oadr.OadrResponseType;
import io.gridflex.openadr.model.oadr.OadrUpdateReportType;
import io.gridflex.vtnsim.openadr.MessageHandler;
import io.gridflex.vtnsim.openadr.OadrReplies;
import io.gridflex.vtnsim.ven.VenRegistry;

/**
 * EiReport, kept minimal: this simulator asks VENs for no reports and offers none, but every report message gets the
 * reply OpenADR prescribes, so a VEN that registers or sends reports carries on normally.
 */
@ApplicationScoped
public class EiReportHandler implements MessageHandler {

    public static final String SERVICE = "EiReport";
    private static final Logger LOG = Logger.getLogger(EiReportHandler.class);

    private final VenRegistry registry;

    public EiReportHandler(VenRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<OadrPayload> handle(Object message) {
        return switch (message) {
            case OadrRegisterReportType register -> reply(register.getVenID(), register.getRequestID(),
                    OadrReplies::registeredReport);
            case OadrUpdateReportType update -> {
                LOG.debugf("VEN %s sent %d report(s)", update.getVenID(), update.getOadrReport().size());
                yield reply(update.getVenID(), update.getRequestID(), OadrReplies::updatedReport);
            }
            case OadrCreateReportType create -> reply(create.getVenID(), create.getRequestID(),
                    OadrReplies::createdReport);
            case OadrCancelReportType cancel -> reply(cancel.getVenID(), cancel.getRequestID(),
                    OadrReplies::canceledReport);
            // A VEN's answers to report messages a VTN started: acknowledged like any other VEN answer.
            case OadrCreatedReportType created -> acknowledge(created.getVenID(), created.getEiResponse());
            case OadrCanceledReportType canceled -> acknowledge(canceled.getVenID(), canceled.getEiResponse());
            case OadrRegisteredReportType registered -> acknowledge(registered.getVenID(),
                    registered.getEiResponse());
            case OadrResponseType response -> Optional.empty();
            default -> OadrReplies.notRecognized(SERVICE, message);
        };
    }

    /** The venID is optional in report messages; when one is given it must be a registered VEN. */
    private Optional<OadrPayload> reply(String venId, String requestId,
            BiFunction<EiResponseType, String, OadrPayload> build) {
        EiResponseType response = venId != null && !registry.isRegistered(venId)
                ? OadrReplies.error(OadrResponseCode.INVALID_ID, "VEN " + venId + " is not registered", requestId)
                : OadrReplies.ok(requestId);
        return Optional.of(build.apply(response, venId));
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
