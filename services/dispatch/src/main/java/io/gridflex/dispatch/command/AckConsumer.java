package io.gridflex.dispatch.command;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.gridflex.dispatch.messaging.MessageRejections;
import io.gridflex.dispatch.messaging.RejectReason;
import io.gridflex.messages.CommandAck;
import io.gridflex.messages.InvalidMessageException;
import io.gridflex.messages.MessageCodec;
import io.gridflex.support.db.UntilStored;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Records site acks; the offset becomes committable only after the ack's transaction committed. While the database is
 * away the record is held and retried ({@link UntilStored}).
 */
@ApplicationScoped
public class AckConsumer {

    private final MessageCodec codec;
    private final AckService acks;
    private final MessageRejections rejections;
    private final UntilStored untilStored;

    public AckConsumer(MessageCodec codec, AckService acks, MessageRejections rejections,
            UntilStored untilStored) {
        this.codec = codec;
        this.acks = acks;
        this.rejections = rejections;
        this.untilStored = untilStored;
    }

    @Incoming("command-acks")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        CommandAck ack;
        try {
            ack = codec.decode(CommandAck.class, record.value());
        } catch (InvalidMessageException e) {
            rejections.reject(record, RejectReason.INVALID, e.getMessage());
            return;
        }
        switch (untilStored.run("command-acks", () -> acks.record(ack))) {
            case RECORDED -> {
                // the usual case
            }
            case DUPLICATE -> rejections.reject(record, RejectReason.DUPLICATE,
                    ack.status() + " for " + ack.commandId() + " already recorded");
            case UNKNOWN_COMMAND -> rejections.reject(record, RejectReason.UNKNOWN_COMMAND,
                    "no command " + ack.commandId());
            case INCONSISTENT -> rejections.reject(record, RejectReason.INCONSISTENT,
                    "command " + ack.commandId() + " was not issued to site " + ack.siteId() + " for event "
                            + ack.eventId());
        }
    }
}
