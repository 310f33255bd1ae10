package io.gridflex.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for tests: put raw records on a topic and read what a service wrote. Connects with the given
 * client settings: usually the broker's super user ({@link KafkaTestResource#adminConfig()}), which may write and
 * read anything, or a platform principal's to show what it may not do.
 */
public final class TestKafka implements AutoCloseable {

    private final Map<String, Object> clientConfig;
    private final KafkaProducer<String, String> producer;
    private final java.util.Set<String> known = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public TestKafka(Map<String, Object> clientConfig) {
        this.clientConfig = Map.copyOf(clientConfig);
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props);
    }

    /**
     * Sends one record and waits until the broker has it. A topic that does not exist yet is created first (one
     * partition, as a site's own topics are) when these settings may create topics, as the super user's may.
     */
    public void send(String topic, String key, String value) {
        ensureTopic(topic);
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /**
     * Reads the topic from the beginning, in a group of its own, until {@code timeout} has passed, and returns the
     * records that match.
     */
    public List<ConsumerRecord<String, String>> poll(String topic, Predicate<ConsumerRecord<String, String>> filter,
            Duration timeout) {
        return read(topic, filter, timeout, Integer.MAX_VALUE);
    }

    /** Reads the topic from the beginning until a matching record arrives; fails after {@code timeout}. */
    public ConsumerRecord<String, String> awaitRecord(String topic, Predicate<ConsumerRecord<String, String>> filter,
            Duration timeout) {
        List<ConsumerRecord<String, String>> found = read(topic, filter, timeout, 1);
        if (found.isEmpty()) {
            throw new AssertionError("no matching record on " + topic + " within " + timeout);
        }
        return found.getFirst();
    }

    private void ensureTopic(String topic) {
        if (known.contains(topic)) {
            return;
        }
        try (Admin admin = Admin.create(clientConfig)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            known.add(topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            // Not allowed to (a platform principal's settings), or raced by another creator: the send tells.
        }
    }

    private List<ConsumerRecord<String, String>> read(String topic, Predicate<ConsumerRecord<String, String>> filter,
            Duration timeout, int enough) {
        ensureTopic(topic);
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> matches = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && matches.size() < enough) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    if (filter.test(record)) {
                        matches.add(record);
                    }
                }
            }
        }
        return matches;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
