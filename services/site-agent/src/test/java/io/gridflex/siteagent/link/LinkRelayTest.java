package io.gridflex.siteagent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridflex.siteagent.AgentMetrics;
import io.gridflex.support.outbox.RecordSender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The relay over a real journal, with a broker that is a list in memory and can be made to refuse. */
class LinkRelayTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final LinkJournal.Bounds BOUNDS = new LinkJournal.Bounds(64 << 20, Duration.ofDays(7), 1 << 16);
    private static final LinkRelay.Settings SETTINGS = new LinkRelay.Settings(100, Duration.ofMillis(50),
            Duration.ofMillis(200));

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AgentMetrics metrics = new AgentMetrics(registry);
    /** What the broker acknowledged, as "channel key value", in the order it got it. */
    private final List<String> broker = new CopyOnWriteArrayList<>();
    private final AtomicBoolean brokerDown = new AtomicBoolean();
    private LinkJournal journal;
    private LinkRelay relay;

    @AfterEach
    void stop() throws InterruptedException {
        if (relay != null) {
            relay.stop();
        }
        if (journal != null) {
            journal.close();
        }
    }

    private RecordSender sender(LinkChannel channel) {
        return (key, value) -> {
            if (brokerDown.get()) {
                return CompletableFuture.failedFuture(new IllegalStateException("broker away"));
            }
            broker.add(channel.channel() + " " + key + " " + value);
            return CompletableFuture.completedFuture(null);
        };
    }

    private void startRelay(Map<LinkChannel, RecordSender> senders) {
        relay = new LinkRelay(journal, senders, SETTINGS, metrics, clock);
        relay.start();
    }

    private void startRelay() {
        startRelay(Map.of(LinkChannel.SCHEDULE_ACKS, sender(LinkChannel.SCHEDULE_ACKS), LinkChannel.SITE_TELEMETRY,
                sender(LinkChannel.SITE_TELEMETRY)));
    }

    private LinkJournal openJournal() {
        journal = LinkJournal.open(dir, BOUNDS, clock, metrics::linkDropped);
        return journal;
    }

    /** Appends n records, every tenth an ack, and returns what the broker should get for them. */
    private static List<String> append(LinkJournal journal, int from, int to) {
        List<String> expected = new ArrayList<>();
        for (int i = from; i < to; i++) {
            LinkChannel channel = i % 10 == 0 ? LinkChannel.SCHEDULE_ACKS : LinkChannel.SITE_TELEMETRY;
            String value = "{\"n\":" + i + "}";
            journal.append(channel, "site-a", value);
            expected.add(channel.channel() + " site-a " + value);
        }
        return expected;
    }

    private double counter(String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void aJournalLeftUnsentByThePreviousRunIsReplayedInOrderAndNotAgain() throws InterruptedException {
        List<String> expected = append(openJournal(), 0, 1000);
        journal.close();

        openJournal();
        startRelay();

        await().atMost(PATIENCE).until(() -> journal.backlog().records() == 0);
        assertThat(broker).containsExactlyElementsOf(expected);
        assertThat(counter("gridflex.site.link.replayed")).isEqualTo(1000);
        assertThat(counter("gridflex.site.link.sent")).isEqualTo(1000);

        relay.stop();
        journal.close();
        openJournal();
        assertThat(journal.backlog().records()).isZero();
        assertThat(journal.unsent(10)).isEmpty();
    }

    @Test
    void whileTheBrokerRefusesRecordsWaitInTheJournalAndGoOutInOrderWhenItIsBack() {
        openJournal();
        startRelay();
        List<String> expected = new ArrayList<>(append(journal, 0, 5));
        await().atMost(PATIENCE).until(() -> broker.size() == 5);
        brokerDown.set(true);

        expected.addAll(append(journal, 5, 250));

        await().atMost(PATIENCE).until(() -> relay.status().failing());
        assertThat(relay.status().lastFailure()).contains("broker away");
        assertThat(journal.backlog().records()).isEqualTo(245);
        assertThat(broker).hasSize(5);

        brokerDown.set(false);

        await().atMost(PATIENCE).until(() -> journal.backlog().records() == 0);
        assertThat(broker).containsExactlyElementsOf(expected);
        assertThat(relay.status().failing()).isFalse();
        assertThat(counter("gridflex.site.link.replayed")).isEqualTo(245);
        assertThat(counter("gridflex.site.link.sent")).isEqualTo(250);
    }

    @Test
    void afterARecordFailsOnlyTheAcknowledgedOnesBeforeItAreDoneAndTheRestIsSentAgainInOrder() {
        openJournal();
        List<String> expected = append(journal, 0, 50);
        AtomicInteger telemetrySends = new AtomicInteger();
        RecordSender telemetry = sender(LinkChannel.SITE_TELEMETRY);
        // The 20th telemetry send fails once, later (as a producer's delivery timeout does, while the records after it
        // are being sent): records before it are acknowledged, and it and everything after it (acks included) are sent
        // again.
        RecordSender failingOnce = (key, value) -> telemetrySends.incrementAndGet() == 20
                ? CompletableFuture.runAsync(() -> {
                    throw new IllegalStateException("timed out");
                }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS))
                : telemetry.send(key, value);

        startRelay(Map.of(LinkChannel.SCHEDULE_ACKS, sender(LinkChannel.SCHEDULE_ACKS), LinkChannel.SITE_TELEMETRY,
                failingOnce));

        await().atMost(PATIENCE).until(() -> journal.backlog().records() == 0);
        int failedAt = expected.indexOf(expected.stream().filter(e -> e.startsWith("site-telemetry")).skip(19)
                .findFirst().orElseThrow());
        // The first attempt got everything but the failed record to the broker; the second sent it and everything
        // after it again, in order.
        List<String> firstAttempt = new ArrayList<>(expected);
        firstAttempt.remove(failedAt);
        List<String> sent = new ArrayList<>(firstAttempt);
        sent.addAll(expected.subList(failedAt, expected.size()));
        assertThat(broker).containsExactlyElementsOf(sent);
        assertThat(journal.unsent(100)).isEmpty();
    }

    @Test
    void aRecordRefusedAtOnceEndsTheBatchSoThatNoLaterRecordOvertakesIt() {
        openJournal();
        List<String> expected = append(journal, 1, 10);
        AtomicInteger sends = new AtomicInteger();
        RecordSender telemetry = sender(LinkChannel.SITE_TELEMETRY);
        // The third send is refused at once and the broker is back for the fourth, as when it returns mid-batch.
        RecordSender refusingOnce = (key, value) -> sends.incrementAndGet() == 3
                ? CompletableFuture.failedFuture(new IllegalStateException("broker away"))
                : telemetry.send(key, value);

        startRelay(Map.of(LinkChannel.SITE_TELEMETRY, refusingOnce));

        await().atMost(PATIENCE).until(() -> journal.backlog().records() == 0);
        assertThat(broker).containsExactlyElementsOf(expected);
        assertThat(sends).hasValue(10);
    }

    @Test
    void aSenderThatRefusesOutrightIsRetriedToo() {
        openJournal();
        List<String> expected = append(journal, 0, 30);
        AtomicInteger calls = new AtomicInteger();
        RecordSender acks = sender(LinkChannel.SCHEDULE_ACKS);
        RecordSender refusingTwice = (key, value) -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("no Kafka producer for channel schedule-acks (yet)");
            }
            return acks.send(key, value);
        };

        startRelay(Map.of(LinkChannel.SCHEDULE_ACKS, refusingTwice, LinkChannel.SITE_TELEMETRY,
                sender(LinkChannel.SITE_TELEMETRY)));

        await().atMost(PATIENCE).until(() -> journal.backlog().records() == 0);
        assertThat(broker).containsExactlyElementsOf(expected);
        // Refused twice at the batch's first record (an ack), then the batch's three acks went through.
        assertThat(calls.get()).isEqualTo(5);
    }
}
