package io.gridflex.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
 * Reads the sites' schedule topics from the beginning on a thread of its own and keeps every record as it came: key,
 * JSON, broker append time and size, for the benchmarks that time schedules (dispatch's, the gateway's push to
 * schedules). It only reads the revision out of the JSON; decoding and schema checks happen after the measurement, so
 * the reader takes as little CPU as it can from the services it measures.
 */
public final class ScheduleRecords implements AutoCloseable {

    private static final Pattern REVISION = Pattern.compile("\"revision\":(\\d+)");

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new ArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    /** Reads the schedules topics of {@code sites} from their beginning. */
    /** @param groupPrefix the start of the consumer group's name, which names the benchmark reading */
    public ScheduleRecords(Map<String, Object> clientConfig, Collection<String> sites, String groupPrefix) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = sites.stream().map(site -> new TopicPartition(Topics.siteSchedules(site), 0))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = Thread.ofPlatform().name("bench-schedule-reader").daemon().start(this::read);
    }

    private void read() {
        try {
            poll();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void poll() {
        while (running) {
            List<Received> batch = new ArrayList<>();
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.timestampType() != TimestampType.LOG_APPEND_TIME) {
                    throw new IllegalStateException("the schedule topic does not stamp records with the broker's "
                            + "append time: " + record.timestampType());
                }
                batch.add(new Received(record.key(), record.value(), record.timestamp(),
                        record.serializedValueSize(), revision(record.value())));
            }
            if (!batch.isEmpty()) {
                synchronized (this) {
                    received.addAll(batch);
                    notifyAll();
                }
            }
        }
    }

    /** Records from index {@code from} on; waits up to {@code wait} for at least one when there is none yet. */
    public synchronized List<Received> since(int from, Duration wait) throws InterruptedException {
        if (failure != null) {
            throw failure;
        }
        if (received.size() <= from) {
            wait(Math.max(1, wait.toMillis()));
        }
        return List.copyOf(received.subList(Math.min(from, received.size()), received.size()));
    }

    public synchronized List<Received> all() {
        return List.copyOf(received);
    }

    private static long revision(String json) {
        Matcher matcher = REVISION.matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("a schedule without a revision: " + json);
        }
        return Long.parseLong(matcher.group(1));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5_000);
        consumer.close(Duration.ofSeconds(5));
    }

    /**
     * One schedule record as read.
     *
     * @param siteId the key
     * @param json the SiteSchedule JSON
     * @param appendedAt the broker's append time, epoch milliseconds
     * @param bytes the size of the JSON
     * @param revision the schedule's revision
     */
    public record Received(String siteId, String json, long appendedAt, int bytes, long revision) {
    }
}
