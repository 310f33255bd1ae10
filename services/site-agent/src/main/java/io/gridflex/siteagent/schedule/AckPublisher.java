package io.gridflex.siteagent.schedule;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleAck;
import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.siteagent.link.LinkChannel;
import io.gridflex.siteagent.link.Outbound;

/**
 * Sends acks to {@code schedule-acks}, keyed by site, through the link journal: when {@link #publish} returns the ack
 * is on local disk, and it reaches Kafka in order with the others once the broker can take it, however long the link
 * is down (within the journal's bounds) and across restarts. Sending never waits for Kafka.
 */
@ApplicationScoped
public class AckPublisher {

    private static final Logger LOG = Logger.getLogger(AckPublisher.class);

    private final Outbound link;
    private final MessageCodec codec;
    private final AgentMetrics metrics;

    public AckPublisher(Outbound link, MessageCodec codec, AgentMetrics metrics) {
        this.link = link;
        this.codec = codec;
        this.metrics = metrics;
    }

    public void publish(ScheduleAck ack) {
        String json = codec.encode(ack);
        metrics.schedule(ack.status().name().toLowerCase(Locale.ROOT));
        String segment = ack.segmentStart() == null ? "" : " segment " + ack.segmentStart() + ".." + ack.segmentEnd();
        LOG.infof("ack %s revision %d%s shedKw=%.3f targetKw=%.3f%s", ack.status(), ack.revision(), segment,
                ack.shedKw(), ack.targetKw(), ack.reason() == null ? "" : " reason=" + ack.reason());
        link.send(LinkChannel.SCHEDULE_ACKS, ack.siteId(), json);
    }
}
