package io.gridflex.gateway.telemetry;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.history.HistoryRecorder;
import io.gridflex.gateway.history.SiteInterval;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.messages.Topics;
import io.gridflex.support.messaging.MessageRejections;
import io.gridflex.support.messaging.RejectReason;
import io.gridflex.support.messaging.SiteTelemetryRecords;

/**
 * Keeps the latest telemetry of the sites the programs report ({@link SiteReadings}). Every site's telemetry topic
 * is read (by pattern); a record of a site no program names is skipped unread. A report is trusted only as coming
 * from the site whose own topic carried it, and its key must agree; a reading dated further ahead than the freshness
 * window would keep a site online after it fell silent, so it is refused. Each interval read also goes to the usage
 * history ({@link HistoryRecorder}, written in the background); the record is acknowledged once looked at.
 */
@ApplicationScoped
public class TelemetryConsumer {

    private final MessageCodec codec;
    private final SiteReadings readings;
    private final HistoryRecorder history;
    private final MessageRejections rejections;
    private final Clock clock;
    private final GatewayConfig.Telemetry config;

    public TelemetryConsumer(MessageCodec codec, SiteReadings readings, HistoryRecorder history,
            MessageRejections rejections, Clock clock, GatewayConfig config) {
        this.codec = codec;
        this.readings = readings;
        this.history = history;
        this.rejections = rejections;
        this.clock = clock;
        this.config = config.telemetry();
    }

    @Incoming("site-telemetry")
    public void consume(ConsumerRecord<String, String> record) {
        String site = Topics.siteOf(Topics.SITE_TELEMETRY, record.topic()).orElse(null);
        if (site == null || !readings.watches(site)) {
            return;
        }
        SiteTelemetry telemetry = SiteTelemetryRecords.read(record, codec, rejections).orElse(null);
        if (telemetry == null) {
            return;
        }
        Instant latestTrusted = clock.instant().plus(config.freshness());
        if (telemetry.intervalEnd().isAfter(latestTrusted)) {
            rejections.reject(record, RejectReason.FROM_THE_FUTURE,
                    "interval ends " + telemetry.intervalEnd() + ", further ahead than " + config.freshness());
            return;
        }
        readings.offer(SiteReading.of(telemetry));
        history.add(SiteInterval.of(telemetry));
    }
}
