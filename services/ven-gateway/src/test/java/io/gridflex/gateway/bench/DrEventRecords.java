package io.gridflex.gateway.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.gridflex.messages.Topics;

/**
 * A plain Kafka consumer of the DR event topic, as any consumer of the gateway would be (but as the broker's super
 * user, so it needs no group or ACL of its own), reading from the end on a thread of its own. It keeps, per eventId and
 * modificationNumber, the broker's append time and the moment this consumer had the record; it reads only those two
 * fields and the gateway's receivedAt out of the JSON, so it takes little CPU from the gateway it measures.
 */
final class DrEventRecords implements AutoCloseable {

    private static final Pattern MODIFICATION = Pattern.compile("\"modificationNumber\":(\\d+)");
    private static final Pattern RECEIVED_AT = Pattern.compile("\"receivedAt\":\"([^\"]+)\"");

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Received> received = new HashMap<>();
    private final Thread reader;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    DrEventRecords(Map<String, Object> clientConfig) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "gateway-bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DR_EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, so a record sent after this constructor is never skipped.
        partitions.forEach(consumer::position);
        reader = Thread.ofPlatform().name("bench-dr-event-reader").daemon().start(this::read);
    }

    private void read() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(100));
                Instant now = Instant.now();
                for (ConsumerRecord<String, String> record : records) {
                    if (record.timestampType() != TimestampType.LOG_APPEND_TIME) {
                        throw new IllegalStateException("the DR event topic does not stamp records with the broker's "
                                + "append time: " + record.timestampType());
                    }
                    Received one = new Received(record.key(), modification(record.value()),
                            Instant.ofEpochMilli(record.timestamp()), now, receivedAt(record.value()));
                    synchronized (this) {
                        received.putIfAbsent(one.key() + "#" + one.modificationNumber(), one);
                    }
                }
                if (!records.isEmpty()) {
                    synchronized (this) {
                        notifyAll();
                    }
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** The first record of {@code eventId} at {@code modificationNumber}; waits up to {@code wait} for it. */
    synchronized Received await(String eventId, long modificationNumber, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        String key = eventId + "#" + modificationNumber;
        while (!received.containsKey(key)) {
            if (failure != null) {
                throw failure;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no DrEvent " + eventId + " modification " + modificationNumber
                        + " on Kafka within " + wait);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return received.get(key);
    }

    private static long modification(String json) {
        Matcher matcher = MODIFICATION.matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("a DrEvent without a modificationNumber: " + json);
        }
        return Long.parseLong(matcher.group(1));
    }

    private static Instant receivedAt(String json) {
        Matcher matcher = RECEIVED_AT.matcher(json);
        return matcher.find() ? Instant.parse(matcher.group(1)) : null;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5_000);
        consumer.close(Duration.ofSeconds(5));
    }

    /**
     * One DrEvent record as read.
     *
     * @param key the eventId
     * @param appendedAt the broker's append time (whole milliseconds)
     * @param consumedAt when this consumer's poll returned it
     * @param gatewayReceivedAt the DrEvent's receivedAt: the gateway's clock (whole milliseconds) when its handler
     *        began on the message, after reading, parsing and validating it
     */
    record Received(String key, long modificationNumber, Instant appendedAt, Instant consumedAt,
            Instant gatewayReceivedAt) {
    }
}
