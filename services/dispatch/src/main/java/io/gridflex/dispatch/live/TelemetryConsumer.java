package io.gridflex.dispatch.live;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.support.db.UntilStored;
import io.gridflex.support.messaging.MessageRejections;
import io.gridflex.support.messaging.RejectReason;
import io.gridflex.support.messaging.SiteTelemetryRecords;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Keeps registered sites' live state from their telemetry. A report is trusted only as coming from the site whose own
 * topic carried it (only that site may write there), and its key must agree. The record is acknowledged, and its offset becomes committable, only once this method has returned,
 * that is after the database transaction committed; while the database is away the record is held and retried
 * ({@link UntilStored}).
 */
@ApplicationScoped
public class TelemetryConsumer {

    private final MessageCodec codec;
    private final TelemetryService service;
    private final MessageRejections rejections;
    private final UntilStored untilStored;

    public TelemetryConsumer(MessageCodec codec, TelemetryService service, MessageRejections rejections,
            UntilStored untilStored) {
        this.codec = codec;
        this.service = service;
        this.rejections = rejections;
        this.untilStored = untilStored;
    }

    @Incoming("site-telemetry")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        SiteTelemetry telemetry = SiteTelemetryRecords.read(record, codec, rejections).orElse(null);
        if (telemetry == null) {
            return;
        }
        switch (untilStored.run("site-telemetry", () -> service.record(telemetry))) {
            case STORED -> {
                // the usual case: nothing worth a log line
            }
            case UNKNOWN_SITE -> rejections.reject(record, RejectReason.UNKNOWN_SITE,
                    "site " + telemetry.siteId() + " is not in the fleet registry");
            case DUPLICATE -> rejections.reject(record, RejectReason.DUPLICATE,
                    "interval ending " + telemetry.intervalEnd() + " already held");
            case OUT_OF_ORDER -> rejections.reject(record, RejectReason.OUT_OF_ORDER,
                    "interval ending " + telemetry.intervalEnd() + " is older than the one held");
            case FROM_THE_FUTURE -> rejections.reject(record, RejectReason.FROM_THE_FUTURE,
                    "interval ends " + telemetry.intervalEnd() + ", too far ahead of this clock");
            case EMPTY_INTERVAL -> rejections.reject(record, RejectReason.INVALID,
                    "interval ends " + telemetry.intervalEnd() + ", not after its start " + telemetry.intervalStart());
        }
    }
}
