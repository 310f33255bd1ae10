package io.gridflex.support.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.gridflex.messages.Topics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one way every consumer reports a message it acknowledges without acting on: one structured warning (topic,
 * reason and, when known, partition, offset and key in the log's fields) and one count in {@value #METRIC}, tagged
 * with the kind of topic (never a site's own topic: a thousand sites must not make a thousand series) and a
 * {@link RejectReason}. The caller then acknowledges the message and changes nothing.
 */
@ApplicationScoped
public class MessageRejections {

    public static final String METRIC = "gridflex.messages.rejected";

    private static final Logger LOG = Logger.getLogger(MessageRejections.class);

    private final MeterRegistry registry;

    public MessageRejections(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A rejected record. */
    public void reject(ConsumerRecord<String, String> record, RejectReason reason, String detail) {
        report(record.topic(), reason, detail, "partition=" + record.partition() + " offset=" + record.offset()
                + " key=" + record.key());
    }

    /** A rejected message whose record is no longer at hand (a batch decoded apart from its records). */
    public void reject(String topic, RejectReason reason, String detail) {
        report(topic, reason, detail, null);
    }

    private void report(String topic, RejectReason reason, String detail, String position) {
        registry.counter(METRIC, "topic", Topics.kindOf(topic), "reason", reason.tag()).increment();
        MDC.put("topic", topic);
        MDC.put("reason", reason.tag());
        try {
            if (position == null) {
                LOG.warnf("message rejected: topic=%s reason=%s detail=%s", topic, reason.tag(), detail);
            } else {
                LOG.warnf("message rejected: topic=%s %s reason=%s detail=%s", topic, position, reason.tag(), detail);
            }
        } finally {
            MDC.remove("topic");
            MDC.remove("reason");
        }
    }
}
