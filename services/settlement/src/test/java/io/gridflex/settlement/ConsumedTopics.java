package io.gridflex.settlement;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.gridflex.messages.Topics;
import io.gridflex.testsupport.KafkaTestResource;

/**
 * Whether settlement's consumer group of a topic has committed every record on it. Offsets are committed only for
 * records the consumer has finished with, so once it has caught up, whatever was sent before has been acted on: a
 * test can then assert that a re-sent message changed nothing, rather than that it has not arrived yet.
 */
public final class ConsumedTopics {

    private ConsumedTopics() {
    }

    /**
     * True when {@code group} has committed up to the end of every partition of {@code topic}, or of every site's
     * topic when {@code topic} is a kind of per-site topic.
     */
    public static boolean caughtUp(String group, String topic) {
        try (Admin admin = Admin.create(KafkaTestResource.adminConfig())) {
            List<String> topics = Topics.siteKinds().contains(topic)
                    ? admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                            .filter(name -> Topics.siteOf(topic, name).isPresent()).toList()
                    : List.of(topic);
            List<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS)
                    .values().stream().flatMap(description -> description.partitions().stream()
                            .map(p -> new TopicPartition(description.name(), p.partition())))
                    .toList();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return partitions.stream().allMatch(p -> {
                long end = ends.get(p).offset();
                OffsetAndMetadata done = committed.get(p);
                return end == 0 || done != null && done.offset() >= end;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of " + group + " on " + topic, e);
        }
    }

    /** True when settlement has acted on everything sent on each of its four topics. */
    public static boolean allCaughtUp() {
        return caughtUp("gridflex-settlement.site-schedules", Topics.SITE_SCHEDULES)
                && caughtUp("gridflex-settlement.site-telemetry", Topics.SITE_TELEMETRY)
                && caughtUp("gridflex-settlement.dr-events", Topics.DR_EVENTS)
                && caughtUp("gridflex-settlement.schedule-acks", Topics.SCHEDULE_ACKS);
    }
}
