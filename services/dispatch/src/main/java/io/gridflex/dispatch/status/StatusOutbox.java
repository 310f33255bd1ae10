package io.gridflex.dispatch.status;

import static io.gridflex.support.db.Sql.instant;
import static io.gridflex.support.db.Sql.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.messages.DispatchStatus;
import io.gridflex.messages.MessageCodec;
import io.gridflex.support.outbox.Outbox;

/** The outbox of {@link DispatchStatus} messages: written with the change they report, published by a relay. */
@ApplicationScoped
public class StatusOutbox implements Outbox<PendingStatus> {

    private final MessageCodec codec;

    public StatusOutbox(MessageCodec codec) {
        this.codec = codec;
    }

    public void add(Connection connection, DispatchStatus status) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO dispatch.status_outbox (event_id, payload, created_at) VALUES (?, ?, ?)")) {
            statement.setString(1, status.eventId());
            statement.setString(2, codec.encode(status));
            setInstant(statement, 3, status.at());
            statement.executeUpdate();
        }
    }

    @Override
    public List<PendingStatus> lockUnpublished(Connection connection, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT status_id, event_id, payload, created_at FROM dispatch.status_outbox
                WHERE published_at IS NULL ORDER BY status_id LIMIT ? FOR UPDATE SKIP LOCKED
                """)) {
            statement.setInt(1, limit);
            List<PendingStatus> pending = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    pending.add(new PendingStatus(rs.getLong("status_id"), rs.getString("event_id"),
                            rs.getString("payload"), instant(rs, "created_at")));
                }
            }
            return pending;
        }
    }

    @Override
    public void markPublished(Connection connection, List<PendingStatus> rows, Instant publishedAt)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE dispatch.status_outbox SET published_at = ? WHERE status_id = ANY (?)")) {
            setInstant(statement, 1, publishedAt);
            statement.setArray(2, connection.createArrayOf("bigint",
                    rows.stream().map(PendingStatus::statusId).toArray()));
            statement.executeUpdate();
        }
    }

    @Override
    public Backlog backlog(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*), min(created_at) AS oldest FROM dispatch.status_outbox WHERE published_at IS NULL");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return new Backlog(rs.getLong(1), Optional.ofNullable(instant(rs, "oldest")));
        }
    }
}
