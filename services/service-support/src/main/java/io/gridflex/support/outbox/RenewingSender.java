package io.gridflex.support.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * A relay's own Kafka producer for one outgoing channel, configured as the channel is (the service's {@code kafka.*}
 * settings overlaid with {@code mp.messaging.outgoing.<channel>.*}), and replaced by a fresh one after a send fails.
 * <p>
 * A producer can wedge for good, and the connector's own cannot be replaced: an idempotent producer whose producer-id
 * request met an authentication failure (a broker that came back before its credentials did) lets every later batch
 * expire, so an outbox would wait until the service restarts. The fresh producer gets a new producer id, so a record
 * the old one had in flight may arrive twice; consumers already recognise a re-sent record by its ids.
 */
public final class RenewingSender implements RecordSender, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RenewingSender.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String name;
    private final Function<String, Producer<String, String>> factory;
    private final UnaryOperator<String> topicOfKey;
    private final AtomicReference<Producer<String, String>> producer = new AtomicReference<>();
    private final AtomicReference<Producer<String, String>> failed = new AtomicReference<>();
    private int generation;

    /**
     * @param name what the producer is for, in its client id and the log
     * @param factory makes a producer with the given client id
     * @param topicOfKey the topic of a record with that key
     */
    public RenewingSender(String name, Function<String, Producer<String, String>> factory,
            UnaryOperator<String> topicOfKey) {
        this.name = name;
        this.factory = factory;
        this.topicOfKey = topicOfKey;
    }

    /** A sender with the settings of outgoing channel {@code channel}, to that channel's topic. */
    public static RenewingSender forChannel(Config config, String channel) {
        String topic = config.getValue("mp.messaging.outgoing." + channel + ".topic", String.class);
        return forChannel(config, channel, key -> topic);
    }

    /** The same, to the topic {@code topicOfKey} names for each key (a site's own topic, say). */
    public static RenewingSender forChannel(Config config, String channel, UnaryOperator<String> topicOfKey) {
        Map<String, Object> settings = channelSettings(config, channel);
        return new RenewingSender(channel, clientId -> {
            Map<String, Object> own = new HashMap<>(settings);
            own.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
            return new KafkaProducer<>(own);
        }, topicOfKey);
    }

    /**
     * The producer settings of a channel: every producer setting the service configures under {@code kafka.}, then
     * those of the channel, which win. Looked up by name, so environment variables count as they do for the connector.
     */
    static Map<String, Object> channelSettings(Config config, String channel) {
        Map<String, Object> settings = new HashMap<>();
        for (String prefix : new String[]{"kafka.", "mp.messaging.outgoing." + channel + "."}) {
            for (String setting : ProducerConfig.configNames()) {
                config.getOptionalValue(prefix + setting, String.class)
                        .ifPresent(value -> settings.put(setting, value));
            }
        }
        return settings;
    }

    @Override
    public CompletableFuture<Void> send(String key, String payload) {
        Producer<String, String> current = current();
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            current.send(new ProducerRecord<>(topicOfKey.apply(key), key, payload), (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.complete(null);
                } else {
                    failed.set(current);
                    acknowledged.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            failed.set(current);
            throw e;
        }
        return acknowledged;
    }

    /** The producer to send with: a new one on first use and after the current one failed a send. */
    private synchronized Producer<String, String> current() {
        Producer<String, String> current = producer.get();
        if (current != null && failed.get() == current) {
            // Whatever the old producer still holds fails at once; those rows are sent again with the ones after.
            current.close(Duration.ZERO);
            LOG.debugf("Kafka producer for %s replaced after a failed send", name);
            current = null;
        }
        if (current == null) {
            current = factory.apply("gridflex-" + name + "-" + INSTANCES.incrementAndGet() + "-" + generation++);
            producer.set(current);
        }
        return current;
    }

    @Override
    public synchronized void close() {
        Producer<String, String> current = producer.getAndSet(null);
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }
}
