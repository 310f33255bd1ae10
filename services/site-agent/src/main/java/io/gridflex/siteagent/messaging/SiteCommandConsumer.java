package io.gridflex.siteagent.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.gridflex.messages.InvalidMessageException;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteCommand;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.SiteConfig;
import io.gridflex.siteagent.command.CommandBook;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Takes the site's commands off Kafka. Only records whose key and payload both name this site are acted on; another
 * site's are skipped quietly (every agent reads the whole topic) and counted. Receiving a command only records it:
 * execution is the controller's, on its own schedule, so a lost link never stops a command that already arrived.
 */
@ApplicationScoped
public class SiteCommandConsumer {

    private static final Logger LOG = Logger.getLogger(SiteCommandConsumer.class);

    private final String siteId;
    private final MessageCodec codec;
    private final CommandBook book;
    private final AgentMetrics metrics;

    public SiteCommandConsumer(SiteConfig config, MessageCodec codec, CommandBook book, AgentMetrics metrics) {
        this.siteId = config.id();
        this.codec = codec;
        this.book = book;
        this.metrics = metrics;
    }

    @Incoming("site-commands")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        if (!siteId.equals(record.key())) {
            metrics.rejected(record.topic(), "foreign-site");
            metrics.command("foreign-site");
            return;
        }
        SiteCommand command;
        try {
            command = codec.decode(SiteCommand.class, record.value());
        } catch (InvalidMessageException e) {
            LOG.warnf("message rejected: topic=%s partition=%d offset=%d key=%s reason=invalid detail=%s",
                    record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
            metrics.rejected(record.topic(), "invalid");
            metrics.command("invalid");
            return;
        }
        book.offer(command);
    }
}
