package io.gridflex.support.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class UntilStoredTest {

    @Test
    void backoffDoublesFrom200MillisUpToTenSeconds() {
        Duration wait = UntilStored.FIRST_BACKOFF;
        assertThat(wait).isEqualTo(Duration.ofMillis(200));
        wait = UntilStored.next(wait);
        assertThat(wait).isEqualTo(Duration.ofMillis(400));
        for (int i = 0; i < 10; i++) {
            wait = UntilStored.next(wait);
        }
        assertThat(wait).isEqualTo(Duration.ofSeconds(10));
        assertThat(UntilStored.next(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void retriesTheSameWorkUntilTheDatabaseIsBack() {
        AtomicInteger calls = new AtomicInteger();
        String result = new UntilStored(null).run("test", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new DataAccessException(new SQLException("Connection refused", "08001"));
            }
            return "stored";
        });
        assertThat(result).isEqualTo("stored");
        assertThat(calls).hasValue(3);
    }

    @Test
    void throwsWhatIsNotAnOutageAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        DataAccessException refused = new DataAccessException(new SQLException("duplicate key", "23505"));
        assertThatThrownBy(() -> new UntilStored(null).run("test", () -> {
            calls.incrementAndGet();
            throw refused;
        })).isSameAs(refused);
        assertThat(calls).hasValue(1);
    }

    @Test
    void givesUpWhenTheApplicationStops() {
        UntilStored untilStored = new UntilStored(null);
        untilStored.close();
        DataAccessException away = new DataAccessException(new SQLException("Connection refused", "08001"));
        assertThatThrownBy(() -> untilStored.run("test", () -> {
            throw away;
        })).isSameAs(away);
    }
}
