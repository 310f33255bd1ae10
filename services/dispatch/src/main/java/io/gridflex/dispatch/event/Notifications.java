package io.gridflex.dispatch.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.messages.MessageCodec;

/**
 * Which schedule revision carries each event's current allocation to each site, kept as one map per event, and which
 * events a site's acceptance concerns. An event is NOTIFIED once every site it asks something of has accepted a
 * revision at least that recent (sites' accepted revisions are in the schedule heads).
 */
@ApplicationScoped
public class Notifications {

    private static final TypeReference<TreeMap<String, Long>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper json = MessageCodec.newObjectMapper();

    /**
     * Records that {@code issued} carries the event's new allocation to those sites; sites asked whose schedule did not
     * change keep the revision they had, and sites no longer asked are forgotten.
     */
    public void track(Connection connection, String eventId, Collection<String> sitesAsked,
            Map<String, Long> issued) throws SQLException {
        Map<String, Long> before = read(connection, eventId);
        TreeMap<String, Long> next = new TreeMap<>();
        for (String site : sitesAsked) {
            Long revision = issued.containsKey(site) ? issued.get(site) : before.get(site);
            if (revision != null) {
                next.put(site, revision);
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE dispatch.events SET notify = CAST(? AS jsonb) WHERE event_id = ?")) {
            statement.setString(1, write(next));
            statement.setString(2, eventId);
            statement.executeUpdate();
        }
    }

    /** Whether every site the event asks something of has accepted it (true when it asks nothing). */
    public boolean allAccepted(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT 1 FROM dispatch.events e CROSS JOIN LATERAL jsonb_each_text(e.notify) n
                LEFT JOIN dispatch.schedule_heads h ON h.site_id = n.key
                WHERE e.event_id = ? AND coalesce(h.accepted_revision, 0) < n.value::bigint
                LIMIT 1
                """)) {
            statement.setString(1, eventId);
            try (ResultSet rs = statement.executeQuery()) {
                return !rs.next();
            }
        }
    }

    /** Open events whose revision at the site lies in {@code (after, upTo]}: what the site's acceptance concerns. */
    public List<String> carriedBetween(Connection connection, String siteId, long after, long upTo)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT event_id FROM dispatch.events
                WHERE notify ?? ? AND (notify ->> ?)::bigint > ? AND (notify ->> ?)::bigint <= ?
                    AND state NOT IN ('COMPLETED', 'CANCELLED')
                ORDER BY event_id
                """)) {
            statement.setString(1, siteId);
            statement.setString(2, siteId);
            statement.setLong(3, after);
            statement.setString(4, siteId);
            statement.setLong(5, upTo);
            List<String> events = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    events.add(rs.getString(1));
                }
            }
            return events;
        }
    }

    private Map<String, Long> read(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT notify::text FROM dispatch.events WHERE event_id = ?")) {
            statement.setString(1, eventId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? json.readValue(rs.getString(1), MAP) : Map.of();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + eventId + " holds a notify map that is not JSON", e);
        }
    }

    private String write(Map<String, Long> map) {
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a notify map", e);
        }
    }
}
