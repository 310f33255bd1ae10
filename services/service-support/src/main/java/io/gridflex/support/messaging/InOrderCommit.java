package io.gridflex.support.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.vertx.mutiny.core.Vertx;

/**
 * Commit strategy {@value #STRATEGY} for channels that finish a partition's records in order: one record at a time (an
 * ordered {@code @Blocking} method, the default) or a batch at a time. An acknowledged record means that every earlier
 * record of its partition is done too, so the offset after the newest acknowledged record of each partition is
 * committed every {@code auto.commit.interval.ms} (5 s by default), at once for partitions being revoked, and when the
 * channel stops. A record is acknowledged only once it is stored, so what is committed is always done; after a crash a
 * few records are read again, and the consumers are idempotent.
 * <p>
 * Why not the connector's {@code throttled} strategy: before it lets the first record of a partition through, it asks
 * the broker for that partition's committed offset on the channel's polling thread, between two polls. With one topic
 * per site, a consumer that takes up hundreds of new partitions at once (at start, after a rebalance) then handles one
 * new partition per poll cycle, up to {@code poll-timeout} each. This strategy needs no lookup: the consumer's position
 * already starts at the committed offset. It does not suit channels that acknowledge out of order (concurrent
 * processing), which would commit past records still in flight.
 */
public final class InOrderCommit implements KafkaCommitHandler {

    public static final String STRATEGY = "gridflex-in-order";

    private static final Logger LOG = Logger.getLogger(InOrderCommit.class);

    private final KafkaConsumer<?, ?> consumer;
    private final Vertx vertx;
    private final Duration terminateTimeout;
    private final long timerId;

    private final DoneOffsets offsets = new DoneOffsets();

    @ApplicationScoped
    @Identifier(STRATEGY)
    public static class Factory implements KafkaCommitHandler.Factory {

        @Override
        public KafkaCommitHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
                KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
            int interval = config.config()
                    .getOptionalValue(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, Integer.class)
                    .orElse(5000);
            int timeout = config.config().getOptionalValue(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.class)
                    .orElse(60000);
            return new InOrderCommit(consumer, vertx, interval, Duration.ofMillis(timeout));
        }
    }

    InOrderCommit(KafkaConsumer<?, ?> consumer, Vertx vertx, long intervalMillis, Duration terminateTimeout) {
        this.consumer = consumer;
        this.vertx = vertx;
        this.terminateTimeout = terminateTimeout;
        this.timerId = vertx.setPeriodic(intervalMillis, id -> flush());
    }

    @Override
    public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
        offsets.done(new TopicPartition(record.getTopic(), record.getPartition()), record.getOffset());
        return Uni.createFrom().voidItem().runSubscriptionOn(record::runOnMessageContext);
    }

    @Override
    public void partitionsAssigned(Collection<TopicPartition> partitions) {
        offsets.assigned(partitions);
    }

    /** Called on the polling thread, before the partitions go to another member: commits what they have done. */
    @Override
    public void partitionsRevoked(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> last = offsets.revoked(partitions);
        if (!last.isEmpty()) {
            try {
                consumer.unwrap().commitSync(last);
            } catch (RuntimeException e) {
                LOG.warnf("Could not commit %d revoked partitions (%s); their next owner reads the last few records "
                        + "again", last.size(), e.toString());
            }
        }
    }

    /** Commits every partition that has done records since its last commit. */
    void flush() {
        Map<TopicPartition, OffsetAndMetadata> pending = offsets.pending();
        if (pending.isEmpty()) {
            return;
        }
        consumer.commit(pending).subscribe().with(ignored -> offsets.committed(pending),
                failure -> LOG.warnf("Could not commit offsets of %d partitions, retrying at the next interval: %s",
                        pending.size(), failure.toString()));
    }

    @Override
    public void terminate(boolean graceful) {
        vertx.cancelTimer(timerId);
        Map<TopicPartition, OffsetAndMetadata> pending = offsets.pending();
        if (pending.isEmpty()) {
            return;
        }
        try {
            consumer.commit(pending).await().atMost(terminateTimeout);
            offsets.committed(pending);
        } catch (RuntimeException e) {
            LOG.warnf("Could not commit offsets of %d partitions on stopping (%s); the last few records are read "
                    + "again at the next start", pending.size(), e.toString());
        }
    }
}
