package io.gridflex.support.messaging;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets {@link InOrderCommit} owes the broker, per assigned partition: the offset after the newest record done,
 * and the offset last committed. Thread-safe: records are done on worker threads, partitions come and go on the polling
 * thread and commits complete on an event loop.
 */
final class DoneOffsets {

    private final Map<TopicPartition, Long> done = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Set<TopicPartition> assigned = new HashSet<>();

    synchronized void assigned(Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
    }

    /**
     * The record at {@code offset}, and so every earlier record of its partition, is done. A record of a partition no
     * longer assigned is ignored: its partition's next owner reads it again.
     */
    synchronized void done(TopicPartition partition, long offset) {
        if (assigned.contains(partition)) {
            done.merge(partition, offset + 1, Math::max);
        }
    }

    /** The offsets to commit now: each assigned partition's, where records were done since its last commit. */
    synchronized Map<TopicPartition, OffsetAndMetadata> pending() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        done.forEach((partition, offset) -> {
            if (!offset.equals(committed.get(partition))) {
                offsets.put(partition, new OffsetAndMetadata(offset));
            }
        });
        return offsets;
    }

    /** The broker accepted these offsets (a partition revoked meanwhile is no longer tracked). */
    synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            if (assigned.contains(partition)) {
                committed.merge(partition, offset.offset(), Math::max);
            }
        });
    }

    /** Forgets the partitions and returns what they still owe, to be committed before they go. */
    synchronized Map<TopicPartition, OffsetAndMetadata> revoked(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> owed = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Long offset = done.remove(partition);
            Long already = committed.remove(partition);
            if (offset != null && !offset.equals(already)) {
                owed.put(partition, new OffsetAndMetadata(offset));
            }
            assigned.remove(partition);
        }
        return owed;
    }
}
