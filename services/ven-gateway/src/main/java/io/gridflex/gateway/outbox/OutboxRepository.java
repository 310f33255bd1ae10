package io.gridflex.gateway.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.support.db.Sql;
import io.gridflex.support.outbox.Outbox;

/** The transactional outbox of DrEvents ({@code gateway.outbox}). */
@ApplicationScoped
public class OutboxRepository implements Outbox<PendingPublication> {

    /**
     * Queues a DrEvent in the caller's transaction.
     *
     * @return the row written, or empty when this (eventId, modificationNumber) was already queued, which the unique
     *         key refuses
     */
    public Optional<PendingPublication> add(Connection connection, String eventId, long modificationNumber,
            String payload, Instant createdAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO gateway.outbox (event_id, modification_number, payload, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (event_id, modification_number) DO NOTHING RETURNING id""")) {
            insert.setString(1, eventId);
            insert.setLong(2, modificationNumber);
            insert.setString(3, payload);
            Sql.setInstant(insert, 4, createdAt);
            try (ResultSet rs = insert.executeQuery()) {
                return rs.next()
                        ? Optional.of(new PendingPublication(rs.getLong("id"), eventId, modificationNumber, payload,
                                createdAt))
                        : Optional.empty();
            }
        }
    }

    /** The oldest unpublished rows, locked; a second gateway instance skips them rather than sending them too. */
    @Override
    public List<PendingPublication> lockUnpublished(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, event_id, modification_number, payload, created_at FROM gateway.outbox
                WHERE published_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""")) {
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                List<PendingPublication> pending = new ArrayList<>();
                while (rs.next()) {
                    pending.add(new PendingPublication(rs.getLong("id"), rs.getString("event_id"),
                            rs.getLong("modification_number"), rs.getString("payload"),
                            Sql.instant(rs, "created_at")));
                }
                return pending;
            }
        }
    }

    @Override
    public void markPublished(Connection connection, List<PendingPublication> rows, Instant at) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection
                .prepareStatement("UPDATE gateway.outbox SET published_at = ? WHERE id = ANY (?)")) {
            Array array = connection.createArrayOf("bigint", rows.stream().map(PendingPublication::id).toArray());
            Sql.setInstant(update, 1, at);
            update.setArray(2, array);
            update.executeUpdate();
        }
    }

    /** How many rows wait and since when. */
    @Override
    public Backlog backlog(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT count(*) AS pending, min(created_at) AS oldest FROM gateway.outbox WHERE published_at IS NULL");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return new Backlog(rs.getLong("pending"), Optional.ofNullable(Sql.instant(rs, "oldest")));
        }
    }
}
