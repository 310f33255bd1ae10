package io.gridflex.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class BatchPublisherTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void sendsEachRowUnderItsKeyAndReportsAllAcknowledged() {
        ScriptedKafka kafka = new ScriptedKafka(CompletableFuture.<Void>completedFuture(null),
                CompletableFuture.<Void>completedFuture(null));
        List<Row> rows = List.of(new Row("site-a", "{\"n\":1}"), new Row("site-b", "{\"n\":2}"));

        BatchPublisher.Result<Row> result = new BatchPublisher(kafka.sender).publish(rows, PATIENCE);

        assertThat(result.acknowledged()).containsExactlyElementsOf(rows);
        assertThat(result.failure()).isNull();
        assertThat(kafka.sent).extracting(Row::key, Row::payload)
                .containsExactly(tuple("site-a", "{\"n\":1}"), tuple("site-b", "{\"n\":2}"));
    }

    @Test
    void stopsAtTheFirstRowKafkaRefusedSoLaterOnesAreRetriedWithIt() {
        IllegalStateException refused = new IllegalStateException("broker gone");
        ScriptedKafka kafka = new ScriptedKafka(CompletableFuture.<Void>completedFuture(null),
                CompletableFuture.<Void>failedFuture(refused),
                CompletableFuture.<Void>completedFuture(null));
        List<Row> rows = List.of(new Row("a", "1"), new Row("b", "2"), new Row("c", "3"));

        BatchPublisher.Result<Row> result = new BatchPublisher(kafka.sender).publish(rows, PATIENCE);

        assertThat(result.acknowledged()).containsExactly(rows.get(0));
        assertThat(result.failure()).isSameAs(refused);
    }

    @Test
    void aSenderThatRefusesOutrightIsAFailureNotAnException() {
        ScriptedKafka kafka = new ScriptedKafka();
        List<Row> rows = List.of(new Row("a", "1"));

        BatchPublisher.Result<Row> result = new BatchPublisher(kafka.sender).publish(rows, PATIENCE);

        assertThat(result.acknowledged()).isEmpty();
        assertThat(result.failure()).isInstanceOf(IllegalStateException.class).hasMessageContaining("buffer full");
    }

    @Test
    void aRefusalStopsTheBatchSoARowThatWouldBlockAsLongIsNotSentAfterIt() {
        List<String> sent = new ArrayList<>();
        RecordSender refusesTheSecond = (key, payload) -> {
            sent.add(key);
            if (key.equals("b")) {
                throw new IllegalStateException("no metadata within max.block.ms");
            }
            return CompletableFuture.completedFuture(null);
        };
        List<Row> rows = List.of(new Row("a", "1"), new Row("b", "2"), new Row("c", "3"));

        BatchPublisher.Result<Row> result = new BatchPublisher(refusesTheSecond).publish(rows, PATIENCE);

        assertThat(sent).containsExactly("a", "b");
        assertThat(result.acknowledged()).containsExactly(rows.get(0));
        assertThat(result.failure()).hasMessageContaining("max.block.ms");
    }

    @Test
    void anAcknowledgementThatNeverComesIsATimeout() {
        ScriptedKafka kafka = new ScriptedKafka(CompletableFuture.<Void>completedFuture(null),
                new CompletableFuture<Void>());
        List<Row> rows = List.of(new Row("a", "1"), new Row("b", "2"));

        BatchPublisher.Result<Row> result = new BatchPublisher(kafka.sender).publish(rows, Duration.ZERO);

        assertThat(result.acknowledged()).containsExactly(rows.get(0));
        assertThat(result.failure()).isInstanceOf(TimeoutException.class);
    }

    private record Row(String key, String payload) implements OutboxRow {

        @Override
        public long id() {
            return key.hashCode();
        }

        @Override
        public Instant queuedAt() {
            return Instant.EPOCH;
        }
    }

    /**
     * Kafka as the publisher sees it: a sender that answers each record with the next scripted outcome and, with none
     * left, refuses outright as a producer with a full buffer does.
     */
    private static final class ScriptedKafka {

        private final Queue<CompletableFuture<Void>> outcomes;
        private final List<Row> sent = new ArrayList<>();
        private final RecordSender sender;

        @SafeVarargs
        ScriptedKafka(CompletableFuture<Void>... outcomes) {
            this.outcomes = new ArrayDeque<>(List.of(outcomes));
            this.sender = (key, payload) -> {
                CompletableFuture<Void> outcome = this.outcomes.poll();
                if (outcome == null) {
                    throw new IllegalStateException("buffer full");
                }
                sent.add(new Row(key, payload));
                return outcome;
            };
        }
    }
}
