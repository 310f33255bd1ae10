package io.gridflex.vtnsim.opt;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.EiTargetType;
import io.gridflex.openadr.model.ei.QualifiedEventIDType;
import io.gridflex.openadr.model.oadr.OadrCancelOptType;
import io.gridflex.openadr.model.oadr.OadrCreateOptType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrResponseType;
import io.gridflex.openadr.model.xcal.AvailableType;
import io.gridflex.vtnsim.event.EventBook;
import io.gridflex.vtnsim.openadr.MessageHandler;
import io.gridflex.vtnsim.openadr.OadrReplies;
import io.gridflex.vtnsim.ven.VenRegistry;

/**
 * EiOpt: event opts and opt schedules are checked (a registered VEN, a known event), acknowledged and kept for the
 * admin API ({@code GET /admin/opts}) so they can be inspected and cancelled; they do not change which events this
 * VTN sends.
 */
@ApplicationScoped
public class EiOptHandler implements MessageHandler {

    public static final String SERVICE = "EiOpt";
    private static final Logger LOG = Logger.getLogger(EiOptHandler.class);

    private final VenRegistry registry;
    private final EventBook events;
    private final OptBook opts;

    private final Clock clock;

    public EiOptHandler(VenRegistry registry, EventBook events, OptBook opts, Clock clock) {
        this.registry = registry;
        this.events = events;
        this.opts = opts;
        this.clock = clock;
    }

    @Override
    public Optional<OadrPayload> handle(Object message) {
        return switch (message) {
            case OadrCreateOptType create -> Optional.of(create(create));
            case OadrCancelOptType cancel -> Optional.of(cancel(cancel));
            case OadrResponseType response -> Optional.empty();
            default -> OadrReplies.notRecognized(SERVICE, message);
        };
    }

    private OadrPayload create(OadrCreateOptType create) {
        String venId = create.getVenID();
        if (!registry.isRegistered(venId)) {
            return OadrReplies.createdOpt(OadrReplies.error(OadrResponseCode.INVALID_ID,
                    "VEN " + venId + " is not registered", create.getRequestID()), create.getOptID());
        }
        if (create.getQualifiedEventID() != null && events.find(create.getQualifiedEventID().getEventID()).isEmpty()) {
            return OadrReplies.createdOpt(OadrReplies.error(OadrResponseCode.INVALID_ID,
                    "No event " + create.getQualifiedEventID().getEventID(), create.getRequestID()),
                    create.getOptID());
        }
        QualifiedEventIDType event = create.getQualifiedEventID();
        EiTargetType target = create.getEiTarget();
        opts.add(new ReceivedOpt(create.getOptID(), venId, create.getOptType().value(), create.getOptReason(),
                event == null ? null : event.getEventID(), event == null ? null : event.getModificationNumber(),
                target == null ? List.of() : target.getResourceID(), target == null ? List.of() : target.getVenID(),
                periods(create), clock.instant(), false));
        LOG.infof("VEN %s created opt %s (%s)", venId, create.getOptID(), create.getOptType().value());
        return OadrReplies.createdOpt(OadrReplies.ok(create.getRequestID()), create.getOptID());
    }

    private static List<String> periods(OadrCreateOptType create) {
        if (create.getVavailability() == null || create.getVavailability().getComponents() == null) {
            return List.of();
        }
        return create.getVavailability().getComponents().getAvailable().stream()
                .map(AvailableType::getProperties)
                .map(p -> (p.getDtstart() == null ? "?" : String.valueOf(p.getDtstart().getDateTime())) + "/"
                        + (p.getDuration() == null ? "?" : p.getDuration().getDuration()))
                .toList();
    }

    private OadrPayload cancel(OadrCancelOptType cancel) {
        if (!opts.remove(cancel.getVenID(), cancel.getOptID())) {
            return OadrReplies.canceledOpt(OadrReplies.error(OadrResponseCode.INVALID_ID,
                    "VEN " + cancel.getVenID() + " has no opt " + cancel.getOptID(), cancel.getRequestID()),
                    cancel.getOptID());
        }
        LOG.infof("VEN %s cancelled opt %s", cancel.getVenID(), cancel.getOptID());
        return OadrReplies.canceledOpt(OadrReplies.ok(cancel.getRequestID()), cancel.getOptID());
    }
}
