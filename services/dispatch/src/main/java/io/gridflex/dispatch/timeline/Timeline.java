package io.gridflex.dispatch.timeline;

import static io.gridflex.support.db.Sql.instant;
import static io.gridflex.support.db.Sql.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.messages.MessageCodec;

/**
 * Each event's timeline: what arrived, what was allocated, what each site acknowledged, what was delivered. Written in
 * the transaction that does what it records, so the timeline never tells of something that did not happen.
 */
@ApplicationScoped
public class Timeline {

    private static final int MAX_SUMMARY = 1024;

    private final ObjectMapper json = MessageCodec.newObjectMapper();

    public void append(Connection connection, String eventId, Instant at, TimelineKind kind, String siteId,
            String summary, Object detail) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO dispatch.timeline (event_id, at, kind, site_id, summary, detail)
                VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb))
                """)) {
            statement.setString(1, eventId);
            setInstant(statement, 2, at);
            statement.setString(3, kind.name());
            statement.setString(4, siteId);
            statement.setString(5, summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY));
            statement.setString(6, detail == null ? null : write(detail));
            statement.executeUpdate();
        }
    }

    public List<TimelineEntry> of(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT at, kind, site_id, summary, detail FROM dispatch.timeline
                WHERE event_id = ? ORDER BY entry_id
                """)) {
            statement.setString(1, eventId);
            List<TimelineEntry> entries = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String detail = rs.getString("detail");
                    entries.add(new TimelineEntry(instant(rs, "at"), TimelineKind.valueOf(rs.getString("kind")),
                            rs.getString("site_id"), rs.getString("summary"),
                            detail == null ? null : json.readTree(detail)));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("timeline detail is not JSON", e);
            }
            return entries;
        }
    }

    private String write(Object detail) {
        try {
            return json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write timeline detail", e);
        }
    }
}
