package io.gridflex.support.outbox;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * Hands one keyed record to Kafka and completes when Kafka acknowledged it (or fails when it did not). A send that
 * Kafka refuses outright (a full buffer, a closed producer) may throw instead.
 */
@FunctionalInterface
public interface RecordSender {

    CompletableFuture<Void> send(String key, String payload);

    /** Through a channel's emitter: the usual path, with the connector's own bookkeeping around every record. */
    static RecordSender through(MutinyEmitter<String> emitter) {
        return (key, payload) -> emitter.sendMessage(KafkaRecord.of(key, payload)).subscribeAsCompletionStage();
    }

    /**
     * Straight to the Kafka producer the connector built for {@code channel} (so its settings, security included, stay
     * the channel's configuration), skipping the per-record work of the reactive pipeline: for relays that publish
     * a thousand records at once and whose latency counts. The channel must have an emitter, which makes the
     * connector create the producer.
     *
     * @param topicOfKey the topic of a record with that key (the producer itself knows none), e.g. a site's own topic
     */
    static RecordSender direct(KafkaClientService clients, String channel, UnaryOperator<String> topicOfKey) {
        // Looked up on first use: the connector creates its producers while the application starts.
        AtomicReference<Producer<String, String>> producer = new AtomicReference<>();
        return (key, payload) -> {
            if (producer.get() == null) {
                KafkaProducer<String, String> client = clients.getProducer(channel);
                if (client == null) {
                    throw new IllegalStateException("no Kafka producer for channel " + channel + " (yet)");
                }
                producer.compareAndSet(null, client.unwrap());
            }
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            producer.get().send(new ProducerRecord<>(topicOfKey.apply(key), key, payload), (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(failure);
                }
            });
            return acknowledged;
        };
    }
}
