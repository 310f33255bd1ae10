package io.gridflex.support.messaging;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.gridflex.messages.InvalidMessageException;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.messages.Topics;

/**
 * What every consumer of site telemetry checks before using a record: that it is a valid {@link SiteTelemetry}, that
 * it came on the reporting site's own topic (a site's credentials write only there) and that its key is that site.
 * A record failing a check is rejected with its reason, logged and counted, and never used.
 */
public final class SiteTelemetryRecords {

    private SiteTelemetryRecords() {
    }

    /** The telemetry the record carries, or empty once it has been rejected. */
    public static Optional<SiteTelemetry> read(ConsumerRecord<String, String> record, MessageCodec codec,
            MessageRejections rejections) {
        SiteTelemetry telemetry;
        try {
            telemetry = codec.decode(SiteTelemetry.class, record.value());
        } catch (InvalidMessageException e) {
            rejections.reject(record, RejectReason.INVALID, e.getMessage());
            return Optional.empty();
        }
        if (!SiteChannel.carried(Topics.SITE_TELEMETRY, record.topic(), telemetry.siteId())) {
            rejections.reject(record, RejectReason.WRONG_CHANNEL,
                    SiteChannel.mismatch(Topics.SITE_TELEMETRY, record.topic(), telemetry.siteId()));
            return Optional.empty();
        }
        if (!telemetry.siteId().equals(record.key())) {
            rejections.reject(record, RejectReason.INCONSISTENT,
                    "keyed by site " + record.key() + " but reports site " + telemetry.siteId());
            return Optional.empty();
        }
        return Optional.of(telemetry);
    }
}
