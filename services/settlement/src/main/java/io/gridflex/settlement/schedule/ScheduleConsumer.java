package io.gridflex.settlement.schedule;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.gridflex.messages.InvalidMessageException;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleAck;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.messages.Topics;
import io.gridflex.settlement.messaging.WireValues;
import io.gridflex.support.db.UntilStored;
import io.gridflex.support.messaging.MessageRejections;
import io.gridflex.support.messaging.RejectReason;
import io.gridflex.support.messaging.SiteChannel;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Stores every revision of every site's schedule, whatever order they arrive in: an older revision is history, and
 * settlement needs it to know what governed the site before the newer one was issued. The same revision again is a
 * no-op; a revision number already held with other content is refused, since settling on either copy would be a
 * guess. Also keeps the revisions site agents refused (from their acknowledgements), so that a refused revision never
 * decides whose event a site's energy served: the agent went on with the revision it held. While the database is away
 * the message is held and retried ({@link UntilStored}), never skipped.
 */
@ApplicationScoped
public class ScheduleConsumer {

    private static final String TOPIC = Topics.SITE_SCHEDULES;
    private static final String ACKS = Topics.SCHEDULE_ACKS;
    private static final int REASON_LENGTH = 1024;

    private final MessageCodec codec;
    private final ScheduleRepository repository;
    private final MessageRejections rejected;
    private final ScheduleMetrics metrics;
    private final UntilStored untilStored;
    private final Clock clock;

    public ScheduleConsumer(MessageCodec codec, ScheduleRepository repository, MessageRejections rejected,
            ScheduleMetrics metrics, UntilStored untilStored,
            Clock clock) {
        this.codec = codec;
        this.repository = repository;
        this.rejected = rejected;
        this.metrics = metrics;
        this.untilStored = untilStored;
        this.clock = clock;
    }

    @Incoming("site-schedules")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        SiteSchedule schedule;
        try {
            schedule = codec.decode(SiteSchedule.class, record.value());
        } catch (InvalidMessageException e) {
            rejected.reject(TOPIC, RejectReason.INVALID, e.getMessage());
            return;
        }
        if (!SiteChannel.carried(TOPIC, record.topic(), schedule.siteId())) {
            rejected.reject(TOPIC, RejectReason.WRONG_CHANNEL,
                    SiteChannel.mismatch(TOPIC, record.topic(), schedule.siteId()));
            return;
        }
        // Checked as stored (instants to the microsecond), so what passes here always fits the table constraints.
        Revision revision = Revision.of(schedule);
        Optional<ScheduleChecks.Problem> problem = ScheduleChecks.problem(revision);
        if (problem.isPresent()) {
            rejected.reject(TOPIC, problem.get().reason(), problem.get().detail());
            return;
        }
        String canonical = codec.encode(schedule);
        ScheduleRepository.StoreAttempt attempt = untilStored.run(TOPIC,
                () -> repository.store(revision, canonical, clock.instant()));
        if (attempt.stored()) {
            metrics.stored();
            return;
        }
        String name = "schedule of site " + schedule.siteId() + " revision " + schedule.revision();
        if (codec.decode(SiteSchedule.class, attempt.existingPayload()).equals(schedule)) {
            metrics.duplicate();
            rejected.reject(TOPIC, RejectReason.DUPLICATE, name + " already stored");
        } else {
            metrics.conflict();
            rejected.reject(TOPIC, RejectReason.CONFLICT, name + " is already stored with other content; the "
                    + "stored one stands");
        }
    }

    /**
     * Keeps a site agent's acceptance or refusal of a revision (either may come before the revision): an accepted
     * revision governs the site from its acceptance, a refused one never. The per-segment steps are dispatch's
     * business and are passed over. A re-sent acceptance or refusal is a no-op.
     */
    @Incoming("schedule-acks")
    @Blocking
    public void consumeAck(ConsumerRecord<String, String> record) {
        ScheduleAck ack;
        try {
            ack = codec.decode(ScheduleAck.class, record.value());
        } catch (InvalidMessageException e) {
            rejected.reject(ACKS, RejectReason.INVALID, e.getMessage());
            return;
        }
        if (!SiteChannel.carried(ACKS, record.topic(), ack.siteId())) {
            rejected.reject(ACKS, RejectReason.WRONG_CHANNEL, SiteChannel.mismatch(ACKS, record.topic(), ack.siteId()));
            return;
        }
        if (ack.status() != ScheduleAck.Status.REJECTED && ack.status() != ScheduleAck.Status.ACCEPTED) {
            return;
        }
        if (ack.revision() < 1) {
            rejected.reject(ACKS, RejectReason.INVALID, "revision " + ack.revision() + " of site " + ack.siteId());
            return;
        }
        if (ack.status() == ScheduleAck.Status.ACCEPTED) {
            accepted(ack);
            return;
        }
        String reason = ack.reason() == null || ack.reason().length() <= REASON_LENGTH
                ? ack.reason()
                : ack.reason().substring(0, REASON_LENGTH);
        boolean stored = untilStored.run(ACKS, () -> repository.storeRejection(ack.siteId(), ack.revision(), reason,
                WireValues.instant(ack.at()), clock.instant()));
        if (stored) {
            metrics.refused();
        } else {
            rejected.reject(ACKS, RejectReason.DUPLICATE,
                    "refusal of revision " + ack.revision() + " of site " + ack.siteId()
                            + " already stored");
        }
    }

    private void accepted(ScheduleAck ack) {
        boolean stored = untilStored.run(ACKS, () -> repository.storeAcceptance(ack.siteId(), ack.revision(),
                WireValues.instant(ack.at()), clock.instant()));
        if (stored) {
            metrics.accepted();
        } else {
            rejected.reject(ACKS, RejectReason.DUPLICATE,
                    "acceptance of revision " + ack.revision() + " of site " + ack.siteId() + " already stored");
        }
    }
}
