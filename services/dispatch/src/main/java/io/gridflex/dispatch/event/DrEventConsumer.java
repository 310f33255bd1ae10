package io.gridflex.dispatch.event;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.gridflex.dispatch.DispatchMetrics;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.InvalidMessageException;
import io.gridflex.messages.MessageCodec;
import io.gridflex.support.db.UntilStored;
import io.gridflex.support.messaging.MessageRejections;
import io.gridflex.support.messaging.RejectReason;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes normalized DR events. Processing is ordered per partition (one event's revisions share a key, so a
 * partition), and a record is acknowledged, so its offset committable, only after its transaction committed: a crash in
 * between re-delivers it, which the revision check turns into a no-op. While the database is away the record is held and retried
 * ({@link UntilStored}).
 */
@ApplicationScoped
public class DrEventConsumer {

    private static final Logger LOG = Logger.getLogger(DrEventConsumer.class);

    private final MessageCodec codec;
    private final EventService events;
    private final MessageRejections rejections;
    private final DispatchMetrics metrics;
    private final UntilStored untilStored;

    public DrEventConsumer(MessageCodec codec, EventService events, MessageRejections rejections,
            DispatchMetrics metrics, UntilStored untilStored) {
        this.codec = codec;
        this.events = events;
        this.rejections = rejections;
        this.metrics = metrics;
        this.untilStored = untilStored;
    }

    @Incoming("dr-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        DrEvent event;
        try {
            event = codec.decode(DrEvent.class, record.value());
        } catch (InvalidMessageException e) {
            rejections.reject(record, RejectReason.INVALID, e.getMessage());
            return;
        }
        metrics.eventReceived();
        Handling handling = untilStored.run("dr-events", () -> events.handle(event, record.value(), EventSource.VTN));
        switch (handling.kind()) {
            case DUPLICATE -> {
                metrics.eventDuplicate();
                rejections.reject(record, RejectReason.DUPLICATE, "event " + event.eventId()
                        + " modification " + event.modificationNumber() + " already processed");
            }
            case OUT_OF_ORDER -> {
                metrics.eventOutOfOrder();
                rejections.reject(record, RejectReason.OUT_OF_ORDER, "event " + event.eventId() + " modification "
                        + event.modificationNumber() + " is older than " + handling.heldRevision());
            }
            case NEW_REVISION -> log(event, handling.result());
        }
    }

    private static void log(DrEvent event, AllocationResult result) {
        var allocation = result.allocation();
        if (allocation.shortfallDeciKw() > 0 || result.detail() != null) {
            LOG.warnf("event revision short or refused: eventId=%s modification=%d outcome=%s shortfallKw=%s detail=%s",
                    event.eventId(), event.modificationNumber(), result.outcome(), allocation.shortfallDeciKw() / 10.0,
                    result.detail());
        }
        LOG.infof("event revision handled: eventId=%s modification=%d outcome=%s requestedKw=%s allocatedKw=%s "
                + "schedules=%d", event.eventId(), event.modificationNumber(), result.outcome(),
                allocation.requestedDeciKw() / 10.0, allocation.allocatedDeciKw() / 10.0, result.issued().size());
    }
}
