package io.gridflex.siteagent.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.gridflex.messages.InvalidMessageException;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.schedule.Decision;
import io.gridflex.siteagent.schedule.ScheduleBook;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Takes the site's schedules off Kafka. Only records whose key and payload both name this site are acted on; every
 * agent reads the whole topic, so another site's are only counted, not logged. Receiving a schedule only records it:
 * execution is the controller's, on its own clock, so a lost link never stops a schedule that already arrived.
 */
@ApplicationScoped
public class ScheduleConsumer {

    private static final Logger LOG = Logger.getLogger(ScheduleConsumer.class);
    private static final String FOREIGN_SITE = Decision.Why.FOREIGN_SITE.tag();

    private final String siteId;
    private final MessageCodec codec;
    private final ScheduleBook book;
    private final AgentMetrics metrics;

    public ScheduleConsumer(SiteConfig config, MessageCodec codec, ScheduleBook book, AgentMetrics metrics) {
        this.siteId = config.id();
        this.codec = codec;
        this.book = book;
        this.metrics = metrics;
    }

    @Incoming("site-schedules")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        if (!siteId.equals(record.key())) {
            count(record, FOREIGN_SITE);
            return;
        }
        SiteSchedule schedule;
        try {
            schedule = codec.decode(SiteSchedule.class, record.value());
        } catch (InvalidMessageException e) {
            LOG.warnf("message rejected: topic=%s partition=%d offset=%d key=%s reason=invalid detail=%s",
                    record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
            count(record, "invalid");
            return;
        }
        if (book.offer(schedule) instanceof Decision.Ignored ignored) {
            if (ignored.why() != Decision.Why.FOREIGN_SITE) {
                LOG.warnf("message rejected: topic=%s partition=%d offset=%d key=%s reason=%s detail=%s",
                        record.topic(), record.partition(), record.offset(), record.key(), ignored.why().tag(),
                        ignored.detail());
            }
            count(record, ignored.why().tag());
        }
    }

    private void count(ConsumerRecord<String, String> record, String reason) {
        metrics.rejected(record.topic(), reason);
        metrics.schedule(reason);
    }
}
