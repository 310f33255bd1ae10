package io.gridflex.siteagent.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.gridflex.messages.InvalidMessageException;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.schedule.Decision;
import io.gridflex.siteagent.schedule.ScheduleBook;
import io.gridflex.support.messaging.MessageRejections;
import io.gridflex.support.messaging.RejectReason;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Takes the site's schedules off its own topic. Only records whose key and payload both name this site are acted on;
 * anything else is reported as rejected (one warning, one count) and changes nothing. Receiving a schedule only records it:
 * execution is the controller's, on its own clock, so a lost link never stops a schedule that already arrived.
 */
@ApplicationScoped
public class ScheduleConsumer {

    private final String siteId;
    private final MessageCodec codec;
    private final ScheduleBook book;
    private final AgentMetrics metrics;
    private final MessageRejections rejections;

    public ScheduleConsumer(SiteConfig config, MessageCodec codec, ScheduleBook book, AgentMetrics metrics,
            MessageRejections rejections) {
        this.siteId = config.id();
        this.codec = codec;
        this.book = book;
        this.metrics = metrics;
        this.rejections = rejections;
    }

    @Incoming("site-schedules")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        if (!siteId.equals(record.key())) {
            reject(record, RejectReason.WRONG_CHANNEL, "keyed by site " + record.key() + " on site " + siteId
                    + "'s own topic");
            return;
        }
        SiteSchedule schedule;
        try {
            schedule = codec.decode(SiteSchedule.class, record.value());
        } catch (InvalidMessageException e) {
            reject(record, RejectReason.INVALID, e.getMessage());
            return;
        }
        if (book.offer(schedule) instanceof Decision.Ignored ignored) {
            reject(record, ignored.why().reason(), ignored.detail());
        }
    }

    private void reject(ConsumerRecord<String, String> record, RejectReason reason, String detail) {
        rejections.reject(record, reason, detail);
        metrics.schedule(reason.tag());
    }
}
