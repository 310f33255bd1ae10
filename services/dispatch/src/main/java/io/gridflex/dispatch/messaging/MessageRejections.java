package io.gridflex.dispatch.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.gridflex.dispatch.DispatchMetrics;

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
        metrics.rejected(record.topic(), reason.tag());
    }
}
