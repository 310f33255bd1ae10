package io.gridflex.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class RenewingSenderTest {

    private final List<LookingUp> made = new ArrayList<>();
    private final List<String> clientIds = new ArrayList<>();
    /** What each producer's topic lookup does before it answers (by default, nothing). */
    private volatile Consumer<String> lookup = topic -> {
    };
    private final RenewingSender sender = new RenewingSender("dr-events", clientId -> {
        clientIds.add(clientId);
        LookingUp producer = new LookingUp();
        made.add(producer);
        return producer;
    }, key -> "topic-of-" + key);

    @Test
    void keepsOneProducerWhileSendsSucceed() throws Exception {
        CompletableFuture<Void> first = sender.send("a", "1");
        made.getFirst().completeNext();
        CompletableFuture<Void> second = sender.send("b", "2");
        made.getFirst().completeNext();

        first.get();
        second.get();
        assertThat(made).hasSize(1);
        assertThat(made.getFirst().history()).extracting(r -> r.topic() + "/" + r.key() + "=" + r.value())
                .containsExactly("topic-of-a/a=1", "topic-of-b/b=2");
    }

    @Test
    void replacesAProducerThatFailedASend() {
        CompletableFuture<Void> refused = sender.send("a", "1");
        made.getFirst().errorNext(new SaslAuthenticationException("invalid credentials"));
        assertThatThrownBy(refused::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SaslAuthenticationException.class);

        CompletableFuture<Void> again = sender.send("a", "1");

        assertThat(made).hasSize(2);
        assertThat(made.getFirst().closed()).isTrue();
        assertThat(clientIds.get(0)).isNotEqualTo(clientIds.get(1)).startsWith("gridflex-dr-events-");
        made.get(1).completeNext();
        assertThat(again).isCompleted();
    }

    @Test
    void replacesAProducerThatRefusedASendOutright() {
        sender.send("a", "1");
        made.getFirst().close();
        assertThatThrownBy(() -> sender.send("b", "2")).isInstanceOf(IllegalStateException.class);

        sender.send("b", "2");

        assertThat(made).hasSize(2);
        assertThat(made.get(1).history()).hasSize(1);
    }

    @Test
    void aLateFailureOfTheOldProducerDoesNotReplaceTheNewOne() {
        sender.send("a", "1");
        sender.send("b", "2");
        made.getFirst().errorNext(new SaslAuthenticationException("invalid credentials"));
        sender.send("a", "1");
        made.getFirst().errorNext(new IllegalStateException("closed"));

        sender.send("b", "2");

        assertThat(made).hasSize(2);
        assertThat(made.get(1).history()).hasSize(2);
    }

    @Test
    void warmingLooksUpTheKeysTopicsManyAtOnce() throws Exception {
        CountDownLatch allAsked = new CountDownLatch(3);
        lookup = topic -> {
            // Lookups made one after another would each wait here in vain.
            allAsked.countDown();
            await(allAsked);
        };

        int known = sender.warm(List.of("a", "b", "c", "a")).get(10, TimeUnit.SECONDS);

        assertThat(known).isEqualTo(3);
        assertThat(made).hasSize(1);
        assertThat(made.getFirst().lookedUp).containsExactlyInAnyOrder("topic-of-a", "topic-of-b", "topic-of-c");
    }

    @Test
    void aTopicThatCannotBeLookedUpLeavesTheOthersLookedUp() throws Exception {
        lookup = topic -> {
            if (topic.equals("topic-of-gone")) {
                throw new TimeoutException("Topic topic-of-gone not present in metadata after 5000 ms.");
            }
        };

        assertThat(sender.warm(List.of("a", "gone", "b")).get(10, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void aRenewedProducerLooksUpEveryTopicTheSenderWarmedOrSentTo() throws Exception {
        sender.warm(List.of("a")).get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> refused = sender.send("b", "1");
        made.getFirst().errorNext(new SaslAuthenticationException("invalid credentials"));
        assertThat(refused).isCompletedExceptionally();

        sender.send("c", "2");

        assertThat(made).hasSize(2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (made.get(1).lookedUp.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(made.get(1).lookedUp).containsExactlyInAnyOrder("topic-of-a", "topic-of-b");
    }

    @Test
    void closesItsProducer() {
        sender.send("a", "1");
        sender.close();
        assertThat(made.getFirst().closed()).isTrue();
    }

    @Test
    void takesTheServiceSettingsOverlaidWithTheChannelsOwn() {
        var config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "kafka.bootstrap.servers", "broker:9093",
                "kafka.security.protocol", "SASL_SSL",
                "kafka.request.timeout.ms", "3000",
                "kafka.default.api.timeout.ms", "3000",
                "mp.messaging.outgoing.dr-events.connector", "smallrye-kafka",
                "mp.messaging.outgoing.dr-events.topic", "gridflex.dr-events.v2",
                "mp.messaging.outgoing.dr-events.acks", "all",
                "mp.messaging.outgoing.dr-events.request.timeout.ms", "5000",
                "mp.messaging.outgoing.other.acks", "1"), "test", 100)).build();

        Map<String, Object> settings = RenewingSender.channelSettings(config, "dr-events");

        assertThat(settings).containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("acks", "all")
                .containsEntry("request.timeout.ms", "5000").doesNotContainKeys("connector", "topic",
                        "default.api.timeout.ms");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new TimeoutException("lookups were not made at once");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A mock producer that records its topic lookups. */
    private final class LookingUp extends MockProducer<String, String> {

        final List<String> lookedUp = new CopyOnWriteArrayList<>();

        LookingUp() {
            super(false, null, new StringSerializer(), new StringSerializer());
        }

        @Override
        public List<PartitionInfo> partitionsFor(String topic) {
            lookedUp.add(topic);
            lookup.accept(topic);
            return Collections.emptyList();
        }
    }
}
