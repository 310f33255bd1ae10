package io.gridflex.support.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One service's outbox table, as its relay uses it: the SQL stays with the service, on the relay's connection. */
public interface Outbox<R extends OutboxRow> {

    /**
     * Locks the oldest unpublished rows, at most {@code limit}, for the caller's transaction. They should be locked
     * with SKIP LOCKED, so a second instance of the service relays other rows instead of waiting or sending the same.
     */
    List<R> lockUnpublished(Connection connection, int limit) throws SQLException;

    /** Marks rows Kafka acknowledged as published, in the transaction that locked them. */
    void markPublished(Connection connection, List<R> rows, Instant publishedAt) throws SQLException;

    /** How many rows wait and when the oldest was written. */
    Backlog backlog(Connection connection) throws SQLException;

    /**
     * @param pending rows not yet acknowledged by Kafka
     * @param oldestQueuedAt when the oldest of them was written, empty when none waits
     */
    record Backlog(long pending, Optional<Instant> oldestQueuedAt) {
    }
}
