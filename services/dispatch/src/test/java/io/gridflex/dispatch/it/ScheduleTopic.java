package io.gridflex.dispatch.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.gridflex.messages.SiteSchedule;
import io.gridflex.messages.Topics;

/**
 * Reads every site's schedules topic from the beginning and keeps every schedule seen, decoded with the schema-checking
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
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Every site has a schedules topic of its own, created when it is registered: look for new ones often.
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
        consumer = new KafkaConsumer<>(props);
        consumer.subscribe(Pattern.compile(Topics.everySite(Topics.SITE_SCHEDULES)));
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
