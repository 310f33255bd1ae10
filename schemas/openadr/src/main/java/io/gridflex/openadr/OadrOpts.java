package io.gridflex.openadr;

import static io.gridflex.openadr.OadrMessages.SCHEMA_VERSION;
import static io.gridflex.openadr.OadrMessages.payload;

import java.util.List;

import io.gridflex.openadr.model.ei.EiResponseType;
import io.gridflex.openadr.model.ei.EiTargetType;
import io.gridflex.openadr.model.ei.QualifiedEventIDType;
import io.gridflex.openadr.model.oadr.OadrCancelOptType;
import io.gridflex.openadr.model.oadr.OadrCanceledOptType;
import io.gridflex.openadr.model.oadr.OadrCreateOptType;
import io.gridflex.openadr.model.oadr.OadrCreatedOptType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.xcal.ArrayOfVavailabilityContainedComponents;
import io.gridflex.openadr.model.xcal.AvailableType;
import io.gridflex.openadr.model.xcal.VavailabilityType;

/**
 * Ready-made OpenADR 2.0b opt messages: a VEN opts resources in or out of one event, or of a schedule of periods,
 * and may withdraw that later.
 */
public final class OadrOpts {

    private OadrOpts() {
    }

    /** Opts the targeted resources in or out of one event (e.g. a site that cannot take part). */
    public static OadrPayload createEventOpt(String requestId, OptDecision decision, String eventId,
            long modificationNumber, EiTargetType target) {
        QualifiedEventIDType event = new QualifiedEventIDType();
        event.setEventID(eventId);
        event.setModificationNumber(modificationNumber);
        OadrCreateOptType create = createOpt(requestId, decision, target);
        create.setQualifiedEventID(event);
        return payload(s -> s.setOadrCreateOpt(create));
    }

    /** Opts the targeted resources in or out of whatever happens in the given periods of a DR program. */
    public static OadrPayload createScheduleOpt(String requestId, OptDecision decision, String marketContext,
            List<AvailabilityWindow> windows, EiTargetType target) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("a schedule opt covers at least one period");
        }
        ArrayOfVavailabilityContainedComponents components = new ArrayOfVavailabilityContainedComponents();
        for (AvailabilityWindow window : windows) {
            AvailableType available = new AvailableType();
            available.setProperties(OadrMessages.properties(window.start(), window.duration()));
            components.getAvailable().add(available);
        }
        VavailabilityType availability = new VavailabilityType();
        availability.setComponents(components);
        OadrCreateOptType create = createOpt(requestId, decision, target);
        create.setMarketContext(marketContext);
        create.setVavailability(availability);
        return payload(s -> s.setOadrCreateOpt(create));
    }

    public static OadrPayload createdOpt(EiResponseType response, String optId) {
        OadrCreatedOptType created = new OadrCreatedOptType();
        created.setSchemaVersion(SCHEMA_VERSION);
        created.setEiResponse(response);
        created.setOptID(optId);
        return payload(s -> s.setOadrCreatedOpt(created));
    }

    public static OadrPayload cancelOpt(String requestId, String optId, String venId) {
        OadrCancelOptType cancel = new OadrCancelOptType();
        cancel.setSchemaVersion(SCHEMA_VERSION);
        cancel.setRequestID(requestId);
        cancel.setOptID(optId);
        cancel.setVenID(venId);
        return payload(s -> s.setOadrCancelOpt(cancel));
    }

    public static OadrPayload canceledOpt(EiResponseType response, String optId) {
        OadrCanceledOptType canceled = new OadrCanceledOptType();
        canceled.setSchemaVersion(SCHEMA_VERSION);
        canceled.setEiResponse(response);
        canceled.setOptID(optId);
        return payload(s -> s.setOadrCanceledOpt(canceled));
    }

    private static OadrCreateOptType createOpt(String requestId, OptDecision decision, EiTargetType target) {
        OadrCreateOptType create = new OadrCreateOptType();
        create.setSchemaVersion(SCHEMA_VERSION);
        create.setOptID(decision.optId());
        create.setOptType(decision.optType());
        create.setOptReason(decision.optReason());
        create.setVenID(decision.venId());
        create.setCreatedDateTime(decision.createdAt());
        create.setRequestID(requestId);
        create.setEiTarget(target);
        return create;
    }
}
