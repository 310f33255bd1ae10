package io.gridflex.settlement.event;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.InvalidMessageException;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.Topics;
import io.gridflex.support.db.UntilStored;
import io.gridflex.support.messaging.MessageRejections;
import io.gridflex.support.messaging.RejectReason;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Keeps the newest version of every DR event, for the statements: what the VTN asked for, through which program, of
 * which sites. Which sites shed for it, and when, comes from their schedules. While the database is away the message
 * is held and retried ({@link UntilStored}), never skipped.
 */
@ApplicationScoped
public class DrEventConsumer {

    private final MessageCodec codec;
    private final EventRepository repository;
    private final MessageRejections rejected;
    private final UntilStored untilStored;

    public DrEventConsumer(MessageCodec codec, EventRepository repository, MessageRejections rejected,
            UntilStored untilStored) {
        this.codec = codec;
        this.repository = repository;
        this.rejected = rejected;
        this.untilStored = untilStored;
    }

    @Incoming("dr-events")
    @Blocking
    public void consume(String payload) {
        DrEvent event;
        try {
            event = codec.decode(DrEvent.class, payload);
        } catch (InvalidMessageException e) {
            rejected.reject(Topics.DR_EVENTS, RejectReason.INVALID, e.getMessage());
            return;
        }
        if (event.end().isBefore(event.start())) {
            rejected.reject(Topics.DR_EVENTS, RejectReason.INVALID,
                    "event " + event.eventId() + " ends at " + event.end() + ", before its start " + event.start());
            return;
        }
        if (!untilStored.run(Topics.DR_EVENTS, () -> repository.storeIfNotOlder(event))) {
            rejected.reject(Topics.DR_EVENTS, RejectReason.OUT_OF_ORDER, "event " + event.eventId()
                    + " modification " + event.modificationNumber() + " is older than the one held");
        }
    }
}
