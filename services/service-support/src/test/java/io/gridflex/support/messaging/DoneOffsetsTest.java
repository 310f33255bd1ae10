package io.gridflex.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DoneOffsetsTest {

    private static final TopicPartition A = new TopicPartition("gridflex.site-telemetry.v2.site-a", 0);
    private static final TopicPartition B = new TopicPartition("gridflex.site-telemetry.v2.site-b", 0);

    private final DoneOffsets offsets = new DoneOffsets();

    @Test
    void commitsTheOffsetAfterTheNewestDoneRecordOfEachPartition() {
        offsets.assigned(List.of(A, B));
        offsets.done(A, 0);
        offsets.done(A, 1);
        offsets.done(B, 7);

        assertThat(offsets.pending()).isEqualTo(Map.of(A, new OffsetAndMetadata(2), B, new OffsetAndMetadata(8)));
    }

    @Test
    void aCommittedOffsetIsNotCommittedAgainUntilMoreIsDone() {
        offsets.assigned(List.of(A, B));
        offsets.done(A, 4);
        offsets.done(B, 0);
        offsets.committed(offsets.pending());

        assertThat(offsets.pending()).isEmpty();
        offsets.done(B, 1);
        assertThat(offsets.pending()).isEqualTo(Map.of(B, new OffsetAndMetadata(2)));
    }

    @Test
    void aFailedCommitIsOfferedAgain() {
        offsets.assigned(List.of(A));
        offsets.done(A, 3);
        Map<TopicPartition, OffsetAndMetadata> first = offsets.pending();
        // the commit failed: committed(...) is never called
        offsets.done(A, 5);

        assertThat(first).isEqualTo(Map.of(A, new OffsetAndMetadata(4)));
        assertThat(offsets.pending()).isEqualTo(Map.of(A, new OffsetAndMetadata(6)));
    }

    @Test
    void anOlderAcknowledgementNeverMovesTheOffsetBack() {
        offsets.assigned(List.of(A));
        offsets.done(A, 9);
        offsets.done(A, 3);

        assertThat(offsets.pending()).isEqualTo(Map.of(A, new OffsetAndMetadata(10)));
    }

    @Test
    void aRevokedPartitionHandsOverWhatItOwesAndIsForgotten() {
        offsets.assigned(List.of(A, B));
        offsets.done(A, 2);
        offsets.done(B, 2);
        offsets.committed(Map.of(B, new OffsetAndMetadata(3)));

        assertThat(offsets.revoked(List.of(A, B))).isEqualTo(Map.of(A, new OffsetAndMetadata(3)));
        assertThat(offsets.pending()).isEmpty();
        // a record of A acknowledged after the revocation belongs to A's next owner, which reads it again
        offsets.done(A, 3);
        assertThat(offsets.pending()).isEmpty();
    }

    @Test
    void recordsOfAPartitionNeverAssignedAreIgnored() {
        offsets.assigned(List.of(A));
        offsets.done(B, 0);

        assertThat(offsets.pending()).isEmpty();
    }

    @Test
    void aCommitThatCompletesAfterItsPartitionWasRevokedLeavesNoTrace() {
        offsets.assigned(List.of(A));
        offsets.done(A, 0);
        Map<TopicPartition, OffsetAndMetadata> inFlight = offsets.pending();
        offsets.revoked(List.of(A));
        offsets.committed(inFlight);
        offsets.assigned(List.of(A));
        offsets.done(A, 0);

        assertThat(offsets.pending()).isEqualTo(Map.of(A, new OffsetAndMetadata(1)));
    }
}
