package io.gridflex.dispatch.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.Topics;

/**
 * Reads the site-commands topic from the beginning and keeps every command seen, decoded with the schema-checking
 * codec so a command dispatch publishes that a site agent could not read fails the test.
 */
public final class CommandTopic implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new ArrayList<>();

    public CommandTopic(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dispatch-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SITE_COMMANDS, Duration.ofSeconds(30))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException(Topics.SITE_COMMANDS + " does not exist; create it first");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Everything published so far for the event, in the order of each partition. */
    public synchronized List<SiteCommand> forEvent(String eventId) {
        drain();
        return received.stream().map(Received::command).filter(c -> c.eventId().equals(eventId)).toList();
    }

    /** The Kafka keys of the event's commands, in the same order as {@link #forEvent}. */
    public synchronized List<String> keysForEvent(String eventId) {
        drain();
        return received.stream().filter(r -> r.command().eventId().equals(eventId)).map(Received::key).toList();
    }

    private void drain() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            received.add(new Received(record.key(), TestMessages.codec().decode(SiteCommand.class, record.value())));
        }
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    private record Received(String key, SiteCommand command) {
    }
}
