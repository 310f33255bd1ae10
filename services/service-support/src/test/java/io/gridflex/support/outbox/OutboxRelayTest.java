package io.gridflex.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jakarta.enterprise.inject.Instance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gridflex.support.db.Transactions;

/** The relay's rounds over an in-memory outbox: what a commit's wake publishes, and when the backlog is read. */
class OutboxRelayTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final Meters meters = new Meters();
    private final AtomicBoolean kafkaAway = new AtomicBoolean();
    private final List<String> sent = new ArrayList<>();
    private final OutboxRelay<Row> relay = new OutboxRelay<>("rows", outbox, new BatchPublisher((key, payload) -> {
        if (kafkaAway.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("broker gone"));
        }
        synchronized (sent) {
            sent.add(key);
        }
        return CompletableFuture.completedFuture(null);
    }), new Transactions(noDatabase()), meters, new Config(), Clock.systemUTC());

    @AfterEach
    void stop() throws InterruptedException {
        relay.stop();
    }

    @Test
    void aWokenRoundPublishesAtOnceAndLeavesTheBacklogToThePeriodicRound() throws InterruptedException {
        relay.start();
        awaitTrue(() -> meters.backlogReads.get() == 1); // the first periodic round, at start

        for (int i = 1; i <= 5; i++) {
            outbox.add(new Row("site-" + i));
            relay.wake();
            int published = i;
            awaitTrue(() -> outbox.published() == published);
        }

        synchronized (sent) {
            assertThat(sent).containsExactly("site-1", "site-2", "site-3", "site-4", "site-5");
        }
        assertThat(meters.relayed.get()).isEqualTo(5);
        // The next periodic round is an hour away: no round a commit woke read the backlog.
        assertThat(meters.backlogReads.get()).isEqualTo(1);
    }

    @Test
    void aFailedRoundReadsTheBacklogBeforeTheFailureIsCounted() throws InterruptedException {
        relay.start();
        awaitTrue(() -> meters.backlogReads.get() == 1);
        kafkaAway.set(true);

        outbox.add(new Row("site-a"));
        relay.wake();

        awaitTrue(() -> meters.failures.get() == 1);
        assertThat(meters.backlogReads.get()).isEqualTo(2);
        assertThat(meters.lastPending).isEqualTo(1);
        assertThat(outbox.published()).isZero();
    }

    @Test
    void handedRowsGoOnceCommittedWithoutARoundReadingThemBack() throws Exception {
        startedAndCaughtUp();
        int reads = outbox.reads();

        for (int i = 1; i <= 3; i++) {
            CompletableFuture<Void> relayed;
            try (Handoff<Row> handoff = relay.handoff()) {
                commit(handoff, new Row("event-" + i));
                relayed = handoff.relayed();
                handoff.committed();
            }
            relayed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(outbox.published()).as("published once the relay is done with the handoff").isEqualTo(i);
        }

        assertThat(sent()).containsExactly("event-1", "event-2", "event-3");
        assertThat(outbox.reads()).as("rounds reading the table").isEqualTo(reads);
        assertThat(meters.relayed.get()).isEqualTo(3);
    }

    @Test
    void aCommittedHandoffWaitsForAnEarlierOneStillOpen() throws InterruptedException {
        startedAndCaughtUp();
        Handoff<Row> first = relay.handoff();
        Row older = new Row("event-a");
        first.add(older); // written, not yet committed: not in the table for anyone else

        Row newer = new Row("event-a");
        try (Handoff<Row> second = relay.handoff()) {
            commit(second, newer);
            second.committed();
        }
        Thread.sleep(200);
        assertThat(sent()).as("sent before the earlier handoff settled").isEmpty();

        outbox.add(older);
        first.committed();
        awaitTrue(() -> outbox.published() == 2);
        assertThat(sent()).containsExactly("event-a", "event-a");
        assertThat(outbox.markedIds()).containsExactly(older.id(), newer.id());
    }

    @Test
    void anAbandonedHandoffLeavesItsRowsToARoundFromTheTable() throws InterruptedException {
        startedAndCaughtUp();
        int reads = outbox.reads();

        // The commit's outcome is unknown to the caller, yet the row is in the table.
        CompletableFuture<Void> relayed;
        try (Handoff<Row> handoff = relay.handoff()) {
            commit(handoff, new Row("event-x"));
            relayed = handoff.relayed();
        }
        assertThat(relayed).as("left to the table").isDone();

        awaitTrue(() -> outbox.published() == 1);
        assertThat(sent()).containsExactly("event-x");
        assertThat(outbox.reads()).isGreaterThan(reads);
    }

    @Test
    void whileKafkaFailedHandedRowsWaitAndThenGoInTheTablesOrder() throws InterruptedException {
        startedAndCaughtUp();
        kafkaAway.set(true);
        try (Handoff<Row> handoff = relay.handoff()) {
            commit(handoff, new Row("event-1"));
            handoff.committed();
        }
        awaitTrue(() -> meters.failures.get() == 1);

        kafkaAway.set(false);
        try (Handoff<Row> handoff = relay.handoff()) {
            commit(handoff, new Row("event-2"));
            handoff.committed();
        }

        awaitTrue(() -> outbox.published() == 2);
        assertThat(sent()).containsExactly("event-1", "event-2");
    }

    @Test
    void aRowKafkaHasButTheTableDoesNotKnowIsMarkedWithoutBeingSentAgain() throws InterruptedException {
        startedAndCaughtUp();
        outbox.failNextMark();
        try (Handoff<Row> handoff = relay.handoff()) {
            commit(handoff, new Row("event-1"));
            handoff.committed();
        }
        awaitTrue(() -> meters.failures.get() == 1);
        assertThat(outbox.published()).isZero();

        relay.wake();

        awaitTrue(() -> outbox.published() == 1);
        assertThat(sent()).containsExactly("event-1");
    }

    @Test
    void aRelayThatDoesNotRunTakesNoHandoff() {
        CompletableFuture<Void> relayed;
        try (Handoff<Row> handoff = relay.handoff()) {
            Row row = new Row("event-1");
            outbox.add(row);
            handoff.add(row);
            relayed = handoff.relayed();
            handoff.committed();
        }
        assertThat(relayed).as("nothing to wait for").isDone();
        assertThat(sent()).isEmpty();
        assertThat(outbox.published()).isZero();
    }

    private void startedAndCaughtUp() throws InterruptedException {
        relay.start();
        awaitTrue(() -> meters.backlogReads.get() == 1); // the first periodic round, at start
    }

    /** What a service's transaction does: writes the row to the table and hands it over. */
    private void commit(Handoff<Row> handoff, Row row) {
        outbox.add(row);
        handoff.add(row);
    }

    private List<String> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", PATIENCE).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Connections that do nothing: the in-memory outbox ignores them. */
    @SuppressWarnings("unchecked")
    private static Instance<DataSource> noDatabase() {
        Connection connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> null);
        DataSource dataSource = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> "getConnection".equals(method.getName())
                        ? connection
                        : null);
        return (Instance<DataSource>) Proxy.newProxyInstance(Instance.class.getClassLoader(),
                new Class<?>[]{Instance.class}, (proxy, method, args) -> "get".equals(method.getName())
                        ? dataSource
                        : null);
    }

    record Row(long id, String key, String payload, Instant queuedAt) implements OutboxRow {

        private static final AtomicInteger IDS = new AtomicInteger();

        Row(String key) {
            this(IDS.incrementAndGet(), key, "{}", Instant.now());
        }
    }

    static final class MemoryOutbox implements Outbox<Row> {

        private final List<Row> pending = new ArrayList<>();
        private int published;
        private int reads;
        private boolean failNextMark;
        private final List<Long> markedIds = new ArrayList<>();

        synchronized void add(Row row) {
            pending.add(row);
        }

        synchronized int published() {
            return published;
        }

        synchronized List<Long> markedIds() {
            return List.copyOf(markedIds);
        }

        synchronized int reads() {
            return reads;
        }

        synchronized void failNextMark() {
            failNextMark = true;
        }

        @Override
        public synchronized List<Row> lockUnpublished(Connection connection, int limit) {
            reads++;
            return List.copyOf(pending.subList(0, Math.min(limit, pending.size())));
        }

        @Override
        public synchronized void markPublished(Connection connection, List<Row> rows, Instant publishedAt)
                throws SQLException {
            if (failNextMark) {
                failNextMark = false;
                throw new SQLException("database gone");
            }
            pending.removeAll(rows);
            rows.forEach(row -> markedIds.add(row.id()));
            published += rows.size();
        }

        @Override
        public synchronized Backlog backlog(Connection connection) {
            return new Backlog(pending.size(), pending.stream().map(Row::queuedAt).findFirst());
        }
    }

    static final class Meters implements RelayMeters {

        final AtomicInteger relayed = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger backlogReads = new AtomicInteger();
        volatile long lastPending = -1;

        @Override
        public void relayed(Duration sinceQueued) {
            relayed.incrementAndGet();
        }

        @Override
        public void relayFailed() {
            failures.incrementAndGet();
        }

        @Override
        public void relayBacklog(long pending, Duration oldestAge) {
            lastPending = pending;
            backlogReads.incrementAndGet();
        }
    }

    static final class Config implements RelayConfig {

        @Override
        public Duration interval() {
            return Duration.ofHours(1);
        }

        @Override
        public int batchSize() {
            return 10;
        }

        @Override
        public Duration publishTimeout() {
            return Duration.ofSeconds(5);
        }
    }
}
