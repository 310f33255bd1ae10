package io.gridflex.gateway.opt;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.program.ProgramConnection;
import io.gridflex.gateway.program.Programs;
import io.gridflex.messages.DispatchStatus;
import io.gridflex.messages.InvalidMessageException;
import io.gridflex.messages.MessageCodec;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.db.UntilStored;
import io.gridflex.support.messaging.MessageRejections;
import io.gridflex.support.messaging.RejectReason;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Reads dispatch's word on each event ({@code gridflex.dispatch-status.v1}) and, when a program's {@link OptOutRule}
 * says so, records an opt-out of the event for the resources it names (or of one resource that takes no part) and
 * hands it to the {@link OptDesk}. The
 * decision is stored before the record is acknowledged (held and retried while the database is away), and once per
 * program, event, modification and resource, so a status read twice opts out once. Statuses of events that are not a
 * program's of this gateway (manual events, another gateway's programs) are passed over.
 */
@ApplicationScoped
public class DispatchStatusConsumer {

    private static final Logger LOG = Logger.getLogger(DispatchStatusConsumer.class);

    /** The OpenADR optReason sent: the resources will not take part. */
    static final String OPT_REASON = "notParticipating";

    private final MessageCodec codec;
    private final Programs programs;
    private final OptRepository opts;
    private final OptDesk desk;
    private final Transactions transactions;
    private final UntilStored untilStored;
    private final MessageRejections rejections;
    private final GatewayMetrics metrics;
    private final Clock clock;

    public DispatchStatusConsumer(MessageCodec codec, Programs programs, OptRepository opts, OptDesk desk,
            Transactions transactions, UntilStored untilStored, MessageRejections rejections,
            GatewayMetrics metrics, Clock clock) {
        this.codec = codec;
        this.programs = programs;
        this.opts = opts;
        this.desk = desk;
        this.transactions = transactions;
        this.untilStored = untilStored;
        this.rejections = rejections;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Incoming("dispatch-status")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        DispatchStatus status;
        try {
            status = codec.decode(DispatchStatus.class, record.value());
        } catch (InvalidMessageException e) {
            rejections.reject(record, RejectReason.INVALID, e.getMessage());
            return;
        }
        if (!status.eventId().equals(record.key())) {
            rejections.reject(record, RejectReason.INCONSISTENT,
                    "keyed by event " + record.key() + " but about event " + status.eventId());
            return;
        }
        ProgramConnection program = programs.find(status.program()).orElse(null);
        if (program == null) {
            return;
        }
        OptOutRule rule = new OptOutRule(program.config().optOut().shortfallFraction());
        Decided decided = untilStored.run("dispatch-status", () -> transactions.inTransaction(connection -> {
            Optional<EventStanding> event = opts.standing(connection, status.eventId())
                    .filter(e -> program.id().equals(e.program()));
            if (event.isEmpty()) {
                return Decided.NOTHING;
            }
            Optional<String> why = rule.judge(status, event.get());
            if (why.isPresent()) {
                boolean added = opts.add(connection, PendingOpt.decided(UUID.randomUUID().toString(), event.get(),
                        OPT_REASON, BigDecimal.valueOf(status.requestedKw()),
                        BigDecimal.valueOf(status.shortfallKw()), why.get(), clock.instant()), OptRepository.WHOLE);
                return added ? new Decided(true, List.of()) : Decided.NOTHING;
            }
            List<String> resources = new ArrayList<>();
            for (String resource : rule.resourcesTakingNoPart(status, event.get())) {
                PendingOpt opt = PendingOpt.decided(UUID.randomUUID().toString(), event.get(), OPT_REASON,
                        BigDecimal.valueOf(status.requestedKw()), BigDecimal.valueOf(status.shortfallKw()),
                        OptOutRule.resourceReason(status, resource), clock.instant()).forResource(resource);
                if (opts.add(connection, opt, resource)) {
                    resources.add(resource);
                }
            }
            return new Decided(false, List.copyOf(resources));
        }));
        if (decided.wholeEvent()) {
            LOG.infof("program %s: opting out of event %s (modification %d): %s", program.id(), status.eventId(),
                    status.modificationNumber(), status.reason());
        } else if (!decided.resources().isEmpty()) {
            LOG.infof("program %s: opting resource(s) %s out of event %s (modification %d): none of their sites "
                    + "takes part", program.id(), String.join(", ", decided.resources()), status.eventId(),
                    status.modificationNumber());
        }
        if (decided.anything()) {
            metrics.optDecided(program.id());
            desk.send(program.id());
        }
    }

    /** What one dispatch status led to: an opt-out of the whole event, or of these resources, or nothing new. */
    private record Decided(boolean wholeEvent, List<String> resources) {

        static final Decided NOTHING = new Decided(false, List.of());

        boolean anything() {
            return wholeEvent || !resources.isEmpty();
        }
    }
}
