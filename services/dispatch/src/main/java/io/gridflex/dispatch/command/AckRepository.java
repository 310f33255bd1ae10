package io.gridflex.dispatch.command;

import static io.gridflex.dispatch.db.Sql.instant;
import static io.gridflex.dispatch.db.Sql.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.messages.CommandAck;
import io.gridflex.messages.CommandAck.Status;

/** What sites reported about their commands, one row per command and step. */
@ApplicationScoped
public class AckRepository {

    /** @return false when this command already had this step recorded */
    public boolean insert(Connection connection, CommandAck ack, Instant receivedAt) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO dispatch.acks (command_id, status, site_id, event_id, shed_kw, reason, reported_at,
                    received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (command_id, status) DO NOTHING
                """)) {
            statement.setString(1, ack.commandId());
            statement.setString(2, ack.status().name());
            statement.setString(3, ack.siteId());
            statement.setString(4, ack.eventId());
            statement.setDouble(5, ack.shedKw());
            statement.setString(6, ack.reason());
            setInstant(statement, 7, ack.at());
            setInstant(statement, 8, receivedAt);
            return statement.executeUpdate() == 1;
        }
    }

    /** Each site's most recent report on any of the event's commands, keyed by site id. */
    public Map<String, AckView> latestBySite(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT DISTINCT ON (site_id) site_id, command_id, status, shed_kw, reason, reported_at
                FROM dispatch.acks WHERE event_id = ?
                ORDER BY site_id, reported_at DESC, received_at DESC
                """)) {
            statement.setString(1, eventId);
            Map<String, AckView> latest = new LinkedHashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    latest.put(rs.getString("site_id"), new AckView(rs.getString("command_id"),
                            Status.valueOf(rs.getString("status")), rs.getDouble("shed_kw"), rs.getString("reason"),
                            instant(rs, "reported_at")));
                }
            }
            return latest;
        }
    }
}
