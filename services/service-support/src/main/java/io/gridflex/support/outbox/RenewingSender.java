package io.gridflex.support.outbox;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * <p>
 * A producer looks a topic up on its first record to it, and that send waits for the broker's answer: one round trip
 * per topic, one after another, about 1.4 ms each on the benchmark machine, so a fresh producer's first records to
 * 1,000 sites' topics left 1.4 s late. {@link #warm} looks topics up ahead, many at once (the producer folds lookups
 * made together into one request), and a renewed producer is warmed again with every topic the sender knows.
 */
public final class RenewingSender implements RecordSender, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RenewingSender.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** Topic lookups in flight at once while warming; each waits on the same metadata requests. */
    private static final int LOOKUPS_AT_ONCE = 16;

    private final String name;
    private final Function<String, Producer<String, String>> factory;
    private final UnaryOperator<String> topicOfKey;
    private final AtomicReference<Producer<String, String>> producer = new AtomicReference<>();
    private final AtomicReference<Producer<String, String>> failed = new AtomicReference<>();
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
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
        String topic = topicOfKey.apply(key);
        topics.add(topic);
        try {
            current.send(new ProducerRecord<>(topic, key, payload), (metadata, failure) -> {
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
            boolean renewal = generation > 0;
            current = factory.apply("gridflex-" + name + "-" + INSTANCES.incrementAndGet() + "-" + generation++);
            producer.set(current);
            if (renewal) {
                lookUp(current, List.copyOf(topics));
            }
        }
        return current;
    }

    /**
     * Looks up the topics of these keys now, in the background, so that the first records to them need not wait for
     * it; the topics are remembered for a renewed producer. A topic that cannot be looked up (not yet created, a
     * broker away) is left to the first record to it, which waits as it would have.
     *
     * @return completes, once every lookup ended, with how many topics the producer now knows
     */
    public CompletableFuture<Integer> warm(Collection<String> keys) {
        List<String> named = keys.stream().map(topicOfKey).distinct().toList();
        topics.addAll(named);
        return lookUp(current(), named);
    }

    private CompletableFuture<Integer> lookUp(Producer<String, String> target, List<String> names) {
        if (names.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        ExecutorService lookups = Executors.newFixedThreadPool(Math.min(LOOKUPS_AT_ONCE, names.size()),
                Thread.ofPlatform().name("kafka-metadata-" + name + "-", 0).daemon().factory());
        AtomicInteger known = new AtomicInteger();
        CompletableFuture<?>[] each = names.stream().map(topic -> CompletableFuture.runAsync(() -> {
            try {
                target.partitionsFor(topic);
                known.incrementAndGet();
            } catch (RuntimeException e) {
                LOG.debugf("topic %s not looked up ahead: %s", topic, e.toString());
            }
        }, lookups)).toArray(CompletableFuture[]::new);
        lookups.shutdown();
        return CompletableFuture.allOf(each).thenApply(done -> known.get());
    }

    @Override
    public synchronized void close() {
        Producer<String, String> current = producer.getAndSet(null);
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }
}
