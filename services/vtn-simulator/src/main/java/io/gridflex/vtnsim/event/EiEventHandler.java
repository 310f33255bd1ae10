package io.gridflex.vtnsim.event;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.EventResponses;
import io.gridflex.openadr.model.oadr.OadrCreatedEventType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrRequestEventType;
import io.gridflex.openadr.model.oadr.OadrResponseType;
import io.gridflex.openadr.model.pyld.EiCreatedEvent;
import io.gridflex.openadr.model.pyld.EiRequestEvent;
import io.gridflex.vtnsim.openadr.MessageHandler;
import io.gridflex.vtnsim.openadr.OadrReplies;
import io.gridflex.vtnsim.ven.VenRegistry;

/** EiEvent: a VEN asks for its events, and answers them with opt-in or opt-out. */
@ApplicationScoped
public class EiEventHandler implements MessageHandler {

    public static final String SERVICE = "EiEvent";
    private static final Logger LOG = Logger.getLogger(EiEventHandler.class);

    private final VenRegistry registry;
    private final EventBook book;
    private final EventDistribution distribution;
    private final Clock clock;

    public EiEventHandler(VenRegistry registry, EventBook book, EventDistribution distribution, Clock clock) {
        this.registry = registry;
        this.book = book;
        this.distribution = distribution;
        this.clock = clock;
    }

    @Override
    public Optional<OadrPayload> handle(Object message) {
        return switch (message) {
            case OadrRequestEventType request -> Optional.of(requestEvent(request.getEiRequestEvent()));
            case OadrCreatedEventType created -> Optional.of(createdEvent(created.getEiCreatedEvent()));
            case OadrResponseType response -> Optional.empty();
            default -> OadrReplies.notRecognized(SERVICE, message);
        };
    }

    private OadrPayload requestEvent(EiRequestEvent request) {
        String venId = request.getVenID();
        if (!registry.isRegistered(venId)) {
            return distribution.refuse(OadrResponseCode.INVALID_ID, "VEN " + venId + " is not registered",
                    request.getRequestID());
        }
        Instant now = clock.instant();
        List<DrEvent> events = book.distributeOpen(venId, now, request.getReplyLimit());
        return distribution.distribute(events, venId, now);
    }

    private OadrPayload createdEvent(EiCreatedEvent created) {
        String venId = created.getVenID();
        String requestId = created.getEiResponse().getRequestID();
        if (!registry.isRegistered(venId)) {
            return OadrReplies.response(OadrResponseCode.INVALID_ID, "VEN " + venId + " is not registered",
                    requestId, venId);
        }
        if (!OadrResponseCode.OK.text().equals(created.getEiResponse().getResponseCode())) {
            LOG.warnf("VEN %s reports %s on distribution %s: %s", venId, created.getEiResponse().getResponseCode(),
                    requestId, created.getEiResponse().getResponseDescription());
        }
        List<EventAnswer> answers = created.getEventResponses() == null
                ? List.of()
                : created.getEventResponses().getEventResponse().stream().map(EiEventHandler::answer).toList();
        Optional<AnswerRefusal> refusal = book.recordAnswers(venId, answers, clock.instant());
        if (refusal.isPresent()) {
            LOG.warnf("Refused answers of VEN %s: %s", venId, refusal.get().detail());
            return OadrReplies.response(code(refusal.get().reason()), refusal.get().detail(), requestId, venId);
        }
        answers.forEach(answer -> LOG.infof("VEN %s answered event %s modification %d: %s (%s)", venId,
                answer.eventId(), answer.modificationNumber(), answer.optType(), answer.responseCode()));
        return OadrReplies.response(OadrResponseCode.OK, OadrResponseCode.OK.description(), requestId, venId);
    }

    private static EventAnswer answer(EventResponses.EventResponse response) {
        return new EventAnswer(response.getQualifiedEventID().getEventID(),
                response.getQualifiedEventID().getModificationNumber(), response.getOptType().value(),
                response.getResponseCode());
    }

    static OadrResponseCode code(AnswerRefusal.Reason reason) {
        return switch (reason) {
            case UNKNOWN_EVENT -> OadrResponseCode.INVALID_ID;
            case NOT_TARGETED -> OadrResponseCode.TARGET_MISMATCH;
            case WRONG_MODIFICATION -> OadrResponseCode.OUT_OF_SEQUENCE;
        };
    }
}
