package io.gridflex.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.support.db.DataAccessException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The background writer of the usage history: in order, nothing lost while the database is away, a bounded wait. */
class HistoryRecorderTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    /** A database that is away while {@code away} is set, and otherwise keeps what it is given. */
    private static final class Database implements UsageWriter {

        boolean away;
        final List<List<SiteInterval>> writes = new ArrayList<>();

        @Override
        public void write(Collection<SiteInterval> intervals) {
            if (away) {
                throw new DataAccessException(new SQLException("connection refused"));
            }
            writes.add(List.copyOf(intervals));
        }

        @Override
        public int prune(Instant before) {
            return 0;
        }
    }

    private final Database database = new Database();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private HistoryRecorder recorder(int maxBacklog) {
        return new HistoryRecorder(database, new GatewayMetrics(registry), new History(maxBacklog),
                Clock.fixed(T, ZoneOffset.UTC));
    }

    private static SiteInterval interval(String site, int i) {
        return new SiteInterval(site, T.plusSeconds(2L * i), T.plusSeconds(2L * i + 2), 0.1 * i);
    }

    @Test
    void whatWasReadIsWrittenInOneGoInTheOrderRead() {
        HistoryRecorder recorder = recorder(100);
        List<SiteInterval> read = List.of(interval("a", 0), interval("b", 0), interval("a", 1));
        read.forEach(recorder::add);

        recorder.writeWaiting();

        assertThat(database.writes).containsExactly(read);
        assertThat(recorder.waiting()).isZero();
        assertThat(registry.counter("gridflex.gateway.history.intervals", "outcome", "written").count())
                .isEqualTo(3);
    }

    @Test
    void whileTheDatabaseIsAwayTheIntervalsWaitInOrderAndAreWrittenWhenItIsBack() {
        HistoryRecorder recorder = recorder(100);
        recorder.add(interval("a", 0));
        recorder.add(interval("a", 1));
        database.away = true;

        assertThatThrownBy(recorder::writeWaiting).isInstanceOf(DataAccessException.class);
        recorder.add(interval("a", 2));
        assertThat(recorder.waiting()).isEqualTo(3);
        database.away = false;
        recorder.writeWaiting();

        assertThat(database.writes).containsExactly(List.of(interval("a", 0), interval("a", 1), interval("a", 2)));
    }

    @Test
    void aFullBacklogDropsTheOldestAndCountsThem() {
        HistoryRecorder recorder = recorder(2);
        database.away = true;
        for (int i = 0; i < 5; i++) {
            recorder.add(interval("a", i));
        }

        assertThat(recorder.waiting()).isEqualTo(2);
        assertThat(registry.counter("gridflex.gateway.history.intervals", "outcome", "dropped").count())
                .isEqualTo(3);
        database.away = false;
        recorder.writeWaiting();
        assertThat(database.writes).containsExactly(List.of(interval("a", 3), interval("a", 4)));
    }

    private record History(int maxBacklog) implements GatewayConfig.Reports.History {

        @Override
        public Duration bucket() {
            return Duration.ofMinutes(5);
        }

        @Override
        public Duration retention() {
            return Duration.ofDays(40);
        }

        @Override
        public Duration writeInterval() {
            return Duration.ofSeconds(1);
        }
    }
}
