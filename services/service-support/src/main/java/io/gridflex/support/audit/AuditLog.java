package io.gridflex.support.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.messages.MessageCodec;

/**
 * Every change a person makes, written in the transaction that makes it: who, when, what, and the state before and
 * after. Nothing is ever updated or deleted here. One per service, on its own table (columns {@code entry_id, at, actor,
 * action, target, detail}); a service makes it available with a producer.
 */
public class AuditLog {

    private final ObjectMapper json = MessageCodec.newObjectMapper();
    private final String table;

    /** @param table the schema-qualified audit table, a constant of the service (never user input) */
    public AuditLog(String table) {
        if (!table.matches("[a-z_]+\\.[a-z_]+")) {
            throw new IllegalArgumentException("not a schema-qualified table name: " + table);
        }
        this.table = table;
    }

    public void record(Connection connection, Actor actor, String action, String target, Object before,
            Object after, Instant at) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + table
                + " (at, actor, action, target, detail) VALUES (?, ?, ?, ?, CAST(? AS jsonb))")) {
            statement.setObject(1, at.atOffset(ZoneOffset.UTC));
            statement.setString(2, actor.name());
            statement.setString(3, action);
            statement.setString(4, target);
            statement.setString(5, detail(before, after));
            statement.executeUpdate();
        }
    }

    public List<AuditEntry> recent(Connection connection, int limit, String target) throws SQLException {
        return recent(connection, limit, target, null);
    }

    /**
     * Up to {@code limit} entries, newest first, about {@code target} (all when null), recorded before entry
     * {@code before} (from the newest when null): the next page of the log goes on from the last entry of this one.
     */
    public List<AuditEntry> recent(Connection connection, int limit, String target, Long before) throws SQLException {
        String sql = "SELECT entry_id, at, actor, action, target, detail FROM " + table
                + " WHERE (?::text IS NULL OR target = ?) AND (?::bigint IS NULL OR entry_id < ?)"
                + " ORDER BY entry_id DESC LIMIT ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, target);
            statement.setString(2, target);
            statement.setObject(3, before, java.sql.Types.BIGINT);
            statement.setObject(4, before, java.sql.Types.BIGINT);
            statement.setInt(5, limit);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(rs.getLong("entry_id"),
                            rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                            rs.getString("action"), rs.getString("target"), parse(rs.getString("detail"))));
                }
            }
            return entries;
        }
    }

    private String detail(Object before, Object after) {
        var node = json.createObjectNode();
        node.set("before", json.valueToTree(before));
        node.set("after", json.valueToTree(after));
        return node.toString();
    }

    private JsonNode parse(String detail) {
        try {
            return detail == null ? null : json.readTree(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit detail is not JSON", e);
        }
    }
}
