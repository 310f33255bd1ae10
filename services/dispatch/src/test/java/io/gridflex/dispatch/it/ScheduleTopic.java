package io.gridflex.dispatch.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.gridflex.messages.SiteSchedule;
import io.gridflex.messages.Topics;

/**
 * Reads the site-schedules topic from the beginning and keeps every schedule seen, decoded with the schema-checking
 * codec, so a schedule dispatch publishes that a site agent could not read fails the test.
 */
public final class ScheduleTopic implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new ArrayList<>();

    /** @param clientConfig how to reach the broker (see TestKafka) */
    public ScheduleTopic(Map<String, Object> clientConfig) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dispatch-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer = new KafkaConsumer<>(props);
        // A topic just created takes a moment to show in the metadata.
        List<TopicPartition> partitions = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> consumer.partitionsFor(Topics.SITE_SCHEDULES, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList(), p -> !p.isEmpty());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every schedule published so far for the site, in the order published. */
    public synchronized List<SiteSchedule> forSite(String siteId) {
        drain();
        return received.stream().filter(r -> r.schedule().siteId().equals(siteId)).map(Received::schedule)
                .toList();
    }

    /** The site's newest schedule so far. */
    public synchronized Optional<SiteSchedule> latest(String siteId) {
        return forSite(siteId).stream().reduce((a, b) -> b.revision() > a.revision() ? b : a);
    }

    /** The Kafka keys of everything read so far, for records about the site. */
    public synchronized List<String> keysFor(String siteId) {
        drain();
        return received.stream().filter(r -> r.schedule().siteId().equals(siteId)).map(Received::key).toList();
    }

    private void drain() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            received.add(new Received(record.key(), TestMessages.codec().decode(SiteSchedule.class,
                    record.value())));
        }
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    private record Received(String key, SiteSchedule schedule) {
    }
}
