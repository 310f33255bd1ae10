package io.gridflex.settlement.schedule;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.gridflex.messages.InvalidMessageException;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleAck;
import io.gridflex.messages.Topics;
import io.gridflex.settlement.messaging.RejectedMessages;
import io.gridflex.settlement.messaging.WireValues;
import io.gridflex.support.db.UntilStored;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Keeps the schedule revisions site agents refused, so that a refused revision never decides whose event a site's
 * energy served (the agent went on with the revision it held). Only REJECTED reports matter to settlement; the
 * per-segment steps are dispatch's business and are passed over. A re-sent refusal is a no-op.
 */
@ApplicationScoped
public class ScheduleAckConsumer {

    private static final String TOPIC = Topics.SCHEDULE_ACKS;
    private static final int REASON_LENGTH = 1024;

    private final MessageCodec codec;
    private final ScheduleRepository repository;
    private final RejectedMessages rejected;
    private final ScheduleMetrics metrics;
    private final UntilStored untilStored;

    public ScheduleAckConsumer(MessageCodec codec, ScheduleRepository repository, RejectedMessages rejected,
            ScheduleMetrics metrics, UntilStored untilStored) {
        this.codec = codec;
        this.repository = repository;
        this.rejected = rejected;
        this.metrics = metrics;
        this.untilStored = untilStored;
    }

    @Incoming("schedule-acks")
    @Blocking
    public void consume(String payload) {
        ScheduleAck ack;
        try {
            ack = codec.decode(ScheduleAck.class, payload);
        } catch (InvalidMessageException e) {
            rejected.reject(TOPIC, "invalid-message", e.getMessage());
            return;
        }
        if (ack.status() != ScheduleAck.Status.REJECTED) {
            return;
        }
        if (ack.revision() < 1) {
            rejected.reject(TOPIC, "invalid-revision", "revision " + ack.revision() + " of site " + ack.siteId());
            return;
        }
        String reason = ack.reason() == null || ack.reason().length() <= REASON_LENGTH
                ? ack.reason()
                : ack.reason().substring(0, REASON_LENGTH);
        boolean stored = untilStored.run(TOPIC, () -> repository.storeRejection(ack.siteId(), ack.revision(), reason,
                WireValues.instant(ack.at()), Instant.now()));
        if (stored) {
            metrics.refused();
        } else {
            rejected.reject(TOPIC, "duplicate", "refusal of revision " + ack.revision() + " of site "
                    + ack.siteId() + " already stored");
        }
    }
}
