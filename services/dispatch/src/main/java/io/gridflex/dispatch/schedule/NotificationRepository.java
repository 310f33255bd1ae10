package io.gridflex.dispatch.schedule;

import static io.gridflex.dispatch.db.Sql.setInstant;
import static io.gridflex.dispatch.db.Sql.texts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which schedule revision carries each event's current allocation to each site, and whether the site accepted it: an
 * event is NOTIFIED once every site it asks something of has accepted a revision at least that recent.
 */
@ApplicationScoped
public class NotificationRepository {

    /**
     * Records that {@code revisions} carry the event's new allocation to those sites, and forgets sites the event no
     * longer asks anything of.
     */
    public void track(Connection connection, String eventId, Collection<String> sitesAsked,
            Map<String, Long> revisions) throws SQLException {
        try (PreparedStatement forget = connection.prepareStatement(
                "DELETE FROM dispatch.event_notifications WHERE event_id = ? AND NOT (site_id = ANY (?::text[]))")) {
            forget.setString(1, eventId);
            forget.setArray(2, texts(connection, sitesAsked));
            forget.executeUpdate();
        }
        List<String> sites = sitesAsked.stream().filter(revisions::containsKey).toList();
        if (sites.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO dispatch.event_notifications (event_id, site_id, revision)
                SELECT ?, site, revision FROM unnest(?::text[], ?::bigint[]) AS i(site, revision)
                ON CONFLICT (event_id, site_id) DO UPDATE SET revision = EXCLUDED.revision, accepted_at = NULL
                """)) {
            upsert.setString(1, eventId);
            upsert.setArray(2, texts(connection, sites));
            upsert.setArray(3, connection.createArrayOf("bigint", sites.stream().map(revisions::get).toArray()));
            upsert.executeUpdate();
        }
    }

    /** Marks as accepted what the site's accepted revision covers; returns the events concerned. */
    public List<String> accepted(Connection connection, String siteId, long revision, Instant at)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE dispatch.event_notifications SET accepted_at = ?
                WHERE site_id = ? AND revision <= ? AND accepted_at IS NULL
                RETURNING event_id
                """)) {
            setInstant(statement, 1, at);
            statement.setString(2, siteId);
            statement.setLong(3, revision);
            List<String> events = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    events.add(rs.getString(1));
                }
            }
            return events;
        }
    }

    /** The events whose current allocation the given revision carries to the site. */
    public List<String> eventsCarriedBy(Connection connection, String siteId, long revision) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT event_id FROM dispatch.event_notifications WHERE site_id = ? AND revision = ?")) {
            statement.setString(1, siteId);
            statement.setLong(2, revision);
            List<String> events = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    events.add(rs.getString(1));
                }
            }
            return events;
        }
    }

    /** Whether every site the event asks something of has accepted it (true when it asks nothing). */
    public boolean allAccepted(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM dispatch.event_notifications WHERE event_id = ? AND accepted_at IS NULL LIMIT 1")) {
            statement.setString(1, eventId);
            try (ResultSet rs = statement.executeQuery()) {
                return !rs.next();
            }
        }
    }
}
