package io.gridflex.siteagent.schedule;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleAck;
import io.gridflex.siteagent.AgentMetrics;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * Sends acks to {@code schedule-acks}, keyed by site. Sending never blocks the caller: while Kafka is unreachable acks
 * queue in the producer and go out when it is back, or are logged as lost once the producer gives up.
 */
@ApplicationScoped
public class AckPublisher {

    private static final Logger LOG = Logger.getLogger(AckPublisher.class);

    private final Emitter<String> emitter;
    private final MessageCodec codec;
    private final AgentMetrics metrics;

    public AckPublisher(
            @Channel("schedule-acks") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> emitter,
            MessageCodec codec, AgentMetrics metrics) {
        this.emitter = emitter;
        this.codec = codec;
        this.metrics = metrics;
    }

    public void publish(ScheduleAck ack) {
        String json = codec.encode(ack);
        metrics.schedule(ack.status().name().toLowerCase(Locale.ROOT));
        String segment = ack.segmentStart() == null ? "" : " segment " + ack.segmentStart() + ".." + ack.segmentEnd();
        LOG.infof("ack %s revision %d%s shedKw=%.3f targetKw=%.3f%s", ack.status(), ack.revision(), segment,
                ack.shedKw(), ack.targetKw(), ack.reason() == null ? "" : " reason=" + ack.reason());
        emitter.send(KafkaRecord.of(ack.siteId(), json).withNack(failure -> {
            LOG.errorf(failure, "ack %s of revision %d%s could not be delivered", ack.status(), ack.revision(),
                    segment);
            return CompletableFuture.completedFuture(null);
        }));
    }
}
