package io.gridflex.dispatch.schedule;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.gridflex.messages.InvalidMessageException;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleAck;
import io.gridflex.messages.Topics;
import io.gridflex.support.db.UntilStored;
import io.gridflex.support.messaging.MessageRejections;
import io.gridflex.support.messaging.RejectReason;
import io.gridflex.support.messaging.SiteChannel;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Records site acks; an ack is trusted only as coming from the site whose key carried it. The offset becomes
 * committable only after the ack's transaction committed; while the database is away the record is held and retried
 * ({@link UntilStored}).
 */
@ApplicationScoped
public class AckConsumer {

    private final MessageCodec codec;
    private final AckService acks;
    private final MessageRejections rejections;
    private final UntilStored untilStored;

    public AckConsumer(MessageCodec codec, AckService acks, MessageRejections rejections, UntilStored untilStored) {
        this.codec = codec;
        this.acks = acks;
        this.rejections = rejections;
        this.untilStored = untilStored;
    }

    @Incoming("schedule-acks")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        ScheduleAck ack;
        try {
            ack = codec.decode(ScheduleAck.class, record.value());
        } catch (InvalidMessageException e) {
            rejections.reject(record, RejectReason.INVALID, e.getMessage());
            return;
        }
        if (!SiteChannel.carried(Topics.SCHEDULE_ACKS, record.topic(), ack.siteId())) {
            rejections.reject(record, RejectReason.WRONG_CHANNEL,
                    SiteChannel.mismatch(Topics.SCHEDULE_ACKS, record.topic(), ack.siteId()));
            return;
        }
        if (!ack.siteId().equals(record.key())) {
            rejections.reject(record, RejectReason.INCONSISTENT,
                    "keyed by site " + record.key() + " but reports for site " + ack.siteId());
            return;
        }
        if ((ack.segmentStart() == null) != (ack.status() == ScheduleAck.Status.ACCEPTED
                || ack.status() == ScheduleAck.Status.REJECTED)) {
            rejections.reject(record, RejectReason.INVALID,
                    ack.status() + " must " + (ack.segmentStart() == null ? "" : "not ") + "name a segment");
            return;
        }
        switch (untilStored.run("schedule-acks", () -> acks.record(ack))) {
            case RECORDED -> {
                // the usual case
            }
            case DUPLICATE -> rejections.reject(record, RejectReason.DUPLICATE,
                    ack.status() + " of revision " + ack.revision() + " already recorded");
            case UNKNOWN_SCHEDULE -> rejections.reject(record, RejectReason.UNKNOWN_SCHEDULE,
                    "no schedule revision " + ack.revision() + " was issued to site " + ack.siteId());
        }
    }
}
