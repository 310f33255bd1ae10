package io.gridflex.gateway.event;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.outbox.OutboxRepository;
import io.gridflex.gateway.outbox.PendingPublication;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.InvalidMessageException;
import io.gridflex.messages.MessageCodec;
import io.gridflex.openadr.EventReply;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.EventDescriptorType;
import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;
import io.gridflex.openadr.model.ei.OptTypeType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType.OadrEvent;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.ResponseRequiredType;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.outbox.Handoff;
import io.gridflex.support.outbox.OutboxRelay;

/**
 * Handles one oadrDistributeEvent: validates each event, decides by modification number, stores new revisions with
 * their DrEvent in the outbox in one transaction (with the message's XML for audit), and builds the one
 * oadrCreatedEvent that answers every event that asked for an answer.
 */
@ApplicationScoped
public class DistributionHandler {

    private static final Logger LOG = Logger.getLogger(DistributionHandler.class);

    private final EventRepository events;
    private final OutboxRepository outbox;
    private final OutboxRelay<PendingPublication> relay;
    private final Transactions transactions;
    private final MessageCodec codec;
    private final GatewayMetrics metrics;
    private final GatewayConfig.Event config;
    private final Clock clock;

    public DistributionHandler(EventRepository events, OutboxRepository outbox, OutboxRelay<PendingPublication> relay,
            Transactions transactions, MessageCodec codec, GatewayMetrics metrics, GatewayConfig config, Clock clock) {
        this.events = events;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
        this.codec = codec;
        this.metrics = metrics;
        this.config = config.event();
        this.clock = clock;
    }

    /**
     * @param distribute a message already validated by the codec and checked to come from the registered VTN
     * @param xml the message exactly as received, kept when it changes anything
     * @param registration the registration of the program whose VTN sent it
     * @param audience the eiTarget groups and resources that make an event the program's besides its venID
     * @param marketContexts the market contexts the program takes events of; empty: every one
     */
    public DistributionResult handle(OadrDistributeEventType distribute, String xml, Registration registration,
            Audience audience, Set<String> marketContexts) {
        Instant receivedAt = clock.instant();
        Received received = receive(distribute, registration, audience, marketContexts, receivedAt);
        if (distribute.getOadrEvent().isEmpty()) {
            // The protocol's way of saying "you have no events": it cancels everything held, so say so loudly.
            LOG.warnf("oadrDistributeEvent %s from VTN %s carries no event: every pending or active event held for"
                    + " it is cancelled", distribute.getRequestID(), registration.vtnId());
        }
        Stored stored;
        CompletableFuture<Void> relayed;
        try (Handoff<PendingPublication> handoff = relay.handoff()) {
            stored = transactions.inTransaction(connection -> store(connection, distribute,
                    new DistributionRow(connection, handoff, registration, distribute.getRequestID(), receivedAt,
                            xml),
                    received.incoming()));
            handoff.committed();
            relayed = handoff.relayed().copy().completeOnTimeout(null, config.answerWait().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
        logImplicit(stored.implicit(), distribute.getOadrEvent().isEmpty());
        count(received.incoming(), stored.decisions());
        List<EventReply> replies = new ArrayList<>(received.unstorable());
        stored.decisions().forEach(d -> d.reply().ifPresent(replies::add));
        Optional<OadrPayload> answer = replies.isEmpty()
                ? Optional.empty()
                : Optional.of(OadrMessages.createdEvent(registration.venId(), distribute.getRequestID(), replies));
        return new DistributionResult(stored.decisions(), stored.implicit(), answer, relayed);
    }

    /** Each event validated into a revision to decide on; one without a usable eventID is declined at once. */
    private Received receive(OadrDistributeEventType distribute, Registration registration, Audience audience,
            Set<String> marketContexts, Instant receivedAt) {
        String vtnId = registration.vtnId();
        EventValidator validator = new EventValidator(rules(registration, audience, marketContexts));
        List<IncomingRevision> incoming = new ArrayList<>();
        List<EventReply> unstorable = new ArrayList<>();
        for (OadrEvent event : distribute.getOadrEvent()) {
            metrics.eventReceived();
            EventDescriptorType descriptor = event.getEiEvent().getEventDescriptor();
            String vtnEventId = descriptor.getEventID().strip();
            boolean responseRequired = event.getOadrResponseRequired() == ResponseRequiredType.ALWAYS;
            Optional<String> eventId = EventValidator.eventKey(vtnId, vtnEventId);
            if (eventId.isEmpty()) {
                // No key to store it under; it is declined and left out of everything else.
                LOG.warnf("declining event with unusable eventID '%s' from VTN %s", vtnEventId, vtnId);
                metrics.eventOptedOut();
                if (responseRequired) {
                    unstorable.add(EventReply.optOut(vtnEventId, descriptor.getModificationNumber(),
                            OadrResponseCode.INVALID_DATA));
                }
                continue;
            }
            incoming.add(new IncomingRevision(eventId.get(), vtnEventId, descriptor.getModificationNumber(),
                    descriptor.getEventStatus() == EventStatusEnumeratedType.CANCELLED, responseRequired,
                    receivedAt, publishable(validator.validate(vtnId, event, receivedAt))));
        }
        return new Received(incoming, unstorable);
    }

    /**
     * In the handler's transaction: the events it names and the program's open events locked in one statement, each
     * revision decided and stored, then the open events left out cancelled.
     */
    private Stored store(Connection connection, OadrDistributeEventType distribute, DistributionRow row,
            List<IncomingRevision> incoming) throws SQLException {
        EventRepository.Locked locked = events.lockForDistribution(connection,
                incoming.stream().map(IncomingRevision::eventId).distinct().toList(), row.program(), row.vtnId());
        Map<String, Optional<StoredRevision>> held = new HashMap<>(locked.named());
        List<Decision> made = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (IncomingRevision revision : incoming) {
            // A second revision of the same event in one message reads what the first one stored.
            Optional<StoredRevision> stored = held.containsKey(revision.eventId())
                    ? held.remove(revision.eventId())
                    : events.lock(connection, revision.eventId());
            made.add(storeRevision(distribute, row, revision, stored));
            present.add(revision.eventId());
        }
        return new Stored(made, cancelAbsent(distribute, row, locked.open(), present));
    }

    private Decision storeRevision(OadrDistributeEventType distribute, DistributionRow row, IncomingRevision revision,
            Optional<StoredRevision> stored) throws SQLException {
        int offset = stored.map(StoredRevision::implicitCancellations).orElse(0);
        Decision decision = shifted(RevisionDecider.decide(revision, stored), offset);
        if (!decision.stores()) {
            return decision;
        }
        Optional<DrEvent> lastPublished = decision.publish().or(() -> stored.flatMap(StoredRevision::lastPublished));
        String lastPublishedJson = lastPublished.map(codec::encode).orElse(null);
        events.save(row.connection(), toRecord(revision, row.program(), decision, distribute, row.id(),
                lastPublishedJson));
        if (decision.publish().isPresent()) {
            row.publish(decision.publish().get(), lastPublishedJson, revision.receivedAt());
        }
        return decision;
    }

    /** The program's open events this distribution left out: cancelled, and published as such when they were live. */
    private List<ImplicitlyCancelled> cancelAbsent(OadrDistributeEventType distribute, DistributionRow row,
            List<HeldEvent> open, Set<String> present) throws SQLException {
        List<ImplicitlyCancelled> implicit = new ArrayList<>();
        String reason = "absent from distributeEvent " + distribute.getRequestID();
        for (HeldEvent held : ImplicitCancellation.absent(open, present, row.receivedAt())) {
            Optional<DrEvent> cancellation = ImplicitCancellation.cancellation(held, row.receivedAt());
            String lastPublishedJson = cancellation.or(held::lastPublished).map(codec::encode).orElse(null);
            events.saveImplicitCancellation(row.connection(), held.eventId(), reason, row.receivedAt(), row.id(),
                    lastPublishedJson);
            if (cancellation.isPresent()) {
                row.publish(cancellation.get(), lastPublishedJson, row.receivedAt());
            }
            implicit.add(new ImplicitlyCancelled(held.eventId(), held.modificationNumber(), cancellation));
        }
        return implicit;
    }

    private record Received(List<IncomingRevision> incoming, List<EventReply> unstorable) {
    }

    private record Stored(List<Decision> decisions, List<ImplicitlyCancelled> implicit) {
    }

    /**
     * What one distribution's transaction writes: the distribution (with its XML) once, when the first of its
     * revisions or cancellations is stored, and the DrEvents it publishes, each queued in the outbox and handed to the
     * relay.
     */
    private final class DistributionRow {

        private final Connection connection;
        private final Handoff<PendingPublication> handoff;
        private final Registration registration;
        private final String requestId;
        private final Instant receivedAt;
        private final String xml;
        private Long id;

        DistributionRow(Connection connection, Handoff<PendingPublication> handoff, Registration registration,
                String requestId, Instant receivedAt, String xml) {
            this.connection = connection;
            this.handoff = handoff;
            this.registration = registration;
            this.requestId = requestId;
            this.receivedAt = receivedAt;
            this.xml = xml;
        }

        long id() throws SQLException {
            if (id == null) {
                id = events.insertDistribution(connection, program(), vtnId(), requestId, receivedAt, xml);
            }
            return id;
        }

        /**
         * Queues a DrEvent in the outbox, under the lock of its event that the transaction holds.
         *
         * @param json the DrEvent encoded
         */
        void publish(DrEvent event, String json, Instant queuedAt) throws SQLException {
            outbox.add(connection, event.eventId(), event.modificationNumber(), json, queuedAt)
                    .ifPresent(handoff::add);
        }

        Connection connection() {
            return connection;
        }

        String program() {
            return registration.program();
        }

        String vtnId() {
            return registration.vtnId();
        }

        Instant receivedAt() {
            return receivedAt;
        }
    }

    /**
     * A decision whose DrEvent carries the VTN's modification number plus the event's implicit cancellations, so it
     * stays above the synthetic numbers of those cancellations (see {@link ImplicitCancellation}).
     */
    private static Decision shifted(Decision decision, int implicitCancellations) {
        if (implicitCancellations == 0 || decision.publish().isEmpty()) {
            return decision;
        }
        DrEvent e = decision.publish().get();
        DrEvent moved = DrEventRevision.of(e,
                ImplicitCancellation.publishedModification(e.modificationNumber(), implicitCancellations), e.status(),
                e.receivedAt());
        return new Decision(decision.kind(), decision.optType(), decision.code(), decision.reason(),
                Optional.of(moved), decision.reply());
    }

    private static void logImplicit(List<ImplicitlyCancelled> implicit, boolean emptyDistribution) {
        for (ImplicitlyCancelled cancelled : implicit) {
            String message = String.format("event %s modification %d absent from the distribution: implicitly"
                    + " cancelled%s", cancelled.eventId(), cancelled.modificationNumber(),
                    cancelled.published().map(e -> "; CANCELLED DrEvent modification " + e.modificationNumber()
                            + " queued").orElse(""));
            if (emptyDistribution) {
                LOG.warn(message);
            } else {
                LOG.info(message);
            }
        }
    }

    /** The one place the program id enters: every DrEvent of the program's VTN connection carries it. */
    private ValidationRules rules(Registration registration, Audience audience,
            Set<String> marketContexts) {
        return new ValidationRules(registration.program(), registration.venId(), audience, marketContexts,
                config.maxEventDuration(), config.openEndedDuration(), config.maxStartAhead());
    }

    /**
     * A last check that the DrEvent passes its own JSON schema, so dispatch is never handed one it would reject; a
     * failure here is declined like any other invalid event.
     */
    private Verdict publishable(Verdict verdict) {
        if (verdict instanceof Verdict.Accepted accepted) {
            try {
                codec.check(DrEvent.class, codec.encode(accepted.event()));
            } catch (InvalidMessageException e) {
                return new Verdict.Refused(OadrResponseCode.INVALID_DATA, "not a valid DrEvent: " + e.getMessage());
            }
        }
        return verdict;
    }

    private static RevisionRecord toRecord(IncomingRevision revision, String program, Decision decision,
            OadrDistributeEventType distribute, long distributionId, String lastPublishedJson) {
        OadrEvent source = distribute.getOadrEvent().stream()
                .filter(e -> e.getEiEvent().getEventDescriptor().getEventID().strip().equals(revision.vtnEventId()))
                .findFirst().orElseThrow();
        EventDescriptorType descriptor = source.getEiEvent().getEventDescriptor();
        Optional<DrEvent> content = revision.verdict() instanceof Verdict.Accepted accepted
                ? Optional.of(accepted.event())
                : Optional.empty();
        Instant start = content.map(DrEvent::start).orElseGet(() -> activeStart(source));
        return new RevisionRecord(revision.eventId(), program, distribute.getVtnID().strip(), revision.vtnEventId(),
                revision.modificationNumber(), descriptor.getEventStatus().name(), decision.optType().value(),
                decision.code().code(), decision.reason(),
                descriptor.getEiMarketContext().getMarketContext().strip(), start,
                content.map(DrEvent::end).orElse(null), content.map(DrEvent::signal).orElse(null),
                content.map(DrEvent::peakValue).orElse(null), content.map(DrEvent::currency).orElse(null),
                revision.receivedAt(), distributionId, lastPublishedJson);
    }

    private static Instant activeStart(OadrEvent event) {
        var properties = event.getEiEvent().getEiActivePeriod().getProperties();
        return properties.getDtstart() == null ? null : properties.getDtstart().getDateTime();
    }

    private void count(List<IncomingRevision> incoming, List<Decision> decisions) {
        for (int i = 0; i < decisions.size(); i++) {
            Decision decision = decisions.get(i);
            IncomingRevision revision = incoming.get(i);
            switch (decision.kind()) {
                case DUPLICATE -> metrics.eventDuplicate();
                case CHANGED_WITHOUT_NEW_NUMBER -> {
                    metrics.eventDuplicate();
                    metrics.eventChangedWithoutNewNumber();
                    LOG.warnf("event %s: %s", revision.eventId(), decision.reason());
                }
                case OUT_OF_SEQUENCE -> {
                    metrics.eventOutOfOrder();
                    LOG.warnf("event %s modification %d is out of sequence: %s", revision.eventId(),
                            revision.modificationNumber(), decision.reason());
                }
                case NEW_REVISION -> {
                    if (decision.optType() == OptTypeType.OPT_OUT) {
                        metrics.eventOptedOut();
                        LOG.warnf("opted out of event %s modification %d (%d): %s", revision.eventId(),
                                revision.modificationNumber(), decision.code().code(), decision.reason());
                    } else {
                        metrics.eventOptedIn();
                        LOG.infof("opted in to event %s modification %d (%s)%s", revision.eventId(),
                                revision.modificationNumber(), decision.reason(),
                                decision.publish().isPresent() ? "; DrEvent queued" : "");
                    }
                }
            }
        }
    }
}
