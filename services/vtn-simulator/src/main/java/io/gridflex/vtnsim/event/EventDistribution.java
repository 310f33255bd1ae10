package io.gridflex.vtnsim.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.openadr.DispatchInterval;
import io.gridflex.openadr.LoadDispatchEvent;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.EventDescriptorType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.xcal.Properties;
import io.gridflex.vtnsim.config.VtnConfig;
import io.gridflex.vtnsim.openadr.OadrReplies;

/**
 * Turns events into the oadrDistributeEvent one VEN receives: a LOAD_DISPATCH {@code delta} signal in MW (or, for a
 * SIMPLE event, its {@code level} signal), status as
 * of now, a response always required, that VEN as the target, and the event's start randomization
 * ({@code tolerance/tolerate/startafter}) when it has one.
 */
@ApplicationScoped
public class EventDistribution {

    private static final double KW_PER_MW = 1000.0;

    private final VtnConfig config;

    public EventDistribution(VtnConfig config) {
        this.config = config;
    }

    public OadrPayload distribute(List<DrEvent> events, String venId, Instant now) {
        return OadrMessages.distributeEvent(newRequestId(), config.id(),
                events.stream().map(event -> oadrEvent(event, venId, now)).toList());
    }

    /** An oadrDistributeEvent without events whose eiResponse says why the request was refused. */
    public OadrPayload refuse(OadrResponseCode code, String detail, String requestId) {
        OadrPayload payload = OadrMessages.distributeEvent(requestId, config.id(), List.of());
        payload.getOadrSignedObject().getOadrDistributeEvent()
                .setEiResponse(OadrReplies.error(code, detail, requestId));
        return payload;
    }

    OadrDistributeEventType.OadrEvent oadrEvent(DrEvent event, String venId, Instant now) {
        // A reduction is a negative change in consumption; a SIMPLE event's one interval carries its level.
        DispatchInterval interval = new DispatchInterval(event.duration(),
                event.simple() ? event.level() : -event.reductionKw() / KW_PER_MW);
        LoadDispatchEvent dispatch = new LoadDispatchEvent(event.eventId(), event.modificationNumber(),
                event.marketContext() == null ? config.marketContext() : event.marketContext(), event.createdAt(),
                event.status(now, config.nearWindow()), event.start(),
                List.of(interval), List.of(venId), true);
        OadrDistributeEventType.OadrEvent oadrEvent = event.simple()
                ? OadrMessages.simpleEvent(dispatch)
                : OadrMessages.loadDispatchEvent(dispatch);
        oadrEvent.getEiEvent().getEiTarget().getResourceID().addAll(event.resourceIds());
        EventDescriptorType descriptor = oadrEvent.getEiEvent().getEventDescriptor();
        descriptor.setModificationDateTime(event.modifiedAt());
        descriptor.setTestEvent(Boolean.toString(event.testEvent()));
        if (event.startAfter().isPositive()) {
            Properties.Tolerance.Tolerate tolerate = new Properties.Tolerance.Tolerate();
            tolerate.setStartafter(event.startAfter());
            Properties.Tolerance tolerance = new Properties.Tolerance();
            tolerance.setTolerate(tolerate);
            oadrEvent.getEiEvent().getEiActivePeriod().getProperties().setTolerance(tolerance);
        }
        if (event.modificationNumber() > 0) {
            descriptor.setModificationReason(event.cancelled() ? "cancelled" : "modified");
        }
        return oadrEvent;
    }

    /** Each distribution gets its own requestID, which the VEN's oadrCreatedEvent quotes back. */
    private static String newRequestId() {
        return "dist-" + UUID.randomUUID();
    }
}
