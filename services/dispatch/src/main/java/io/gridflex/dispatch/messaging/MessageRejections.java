package io.gridflex.dispatch.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.gridflex.dispatch.DispatchMetrics;
import io.gridflex.messages.Topics;

/**
 * The one way a consumer turns a message down: a single structured warning and a count in
 * {@code gridflex.messages.rejected}. The caller then acknowledges the message and changes nothing.
 */
@ApplicationScoped
public class MessageRejections {

    private static final Logger LOG = Logger.getLogger(MessageRejections.class);

    private final DispatchMetrics metrics;

    public MessageRejections(DispatchMetrics metrics) {
        this.metrics = metrics;
    }

    public void reject(ConsumerRecord<String, String> record, RejectReason reason, String detail) {
        LOG.warnf("message rejected: topic=%s partition=%d offset=%d key=%s reason=%s detail=%s", record.topic(),
                record.partition(), record.offset(), record.key(), reason.tag(), detail);
        // Tagged by the kind of topic, not each site's own one: a thousand sites must not make a thousand series.
        metrics.rejected(Topics.kindOf(record.topic()), reason.tag());
    }
}
