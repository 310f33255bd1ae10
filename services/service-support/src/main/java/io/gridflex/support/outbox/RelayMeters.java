package io.gridflex.support.outbox;

import java.time.Duration;

/** What a relay reports, for the service to record under its own meter names. */
public interface RelayMeters {

    /** Kafka acknowledged a row {@code sinceQueued} after it was written. */
    void relayed(Duration sinceQueued);

    /** A round stopped because Kafka did not acknowledge a row. Not every service counts these. */
    default void relayFailed() {
    }

    /**
     * After each periodic round and each failed one: how many rows wait, and the age of the oldest
     * ({@link Duration#ZERO} when none does).
     */
    void relayBacklog(long pending, Duration oldestAge);
}
