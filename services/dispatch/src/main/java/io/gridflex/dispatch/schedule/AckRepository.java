package io.gridflex.dispatch.schedule;

import static io.gridflex.support.db.Sql.instant;
import static io.gridflex.support.db.Sql.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.messages.ScheduleAck;
import io.gridflex.messages.ScheduleAck.Status;

/** What sites reported about their schedules, one row per revision, segment and step. */
@ApplicationScoped
public class AckRepository {

    private static final String COLUMNS = """
            site_id, revision, NULLIF(segment_key, '-infinity'::timestamptz) AS segment_start, segment_end, status, shed_kw, target_kw, event_ids, reason, reported_at
            """;

    /** @return false when this step of this revision and segment was already recorded */
    public boolean insert(Connection connection, ScheduleAck ack, Instant receivedAt) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO dispatch.acks (site_id, revision, segment_key, segment_end, status, shed_kw, target_kw,
                    event_ids, reason, reported_at, received_at)
                VALUES (?, ?, COALESCE(?, '-infinity'::timestamptz), ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (site_id, revision, segment_key, status) DO NOTHING
                """)) {
            statement.setString(1, ack.siteId());
            statement.setLong(2, ack.revision());
            setInstant(statement, 3, ack.segmentStart());
            setInstant(statement, 4, ack.segmentEnd());
            statement.setString(5, ack.status().name());
            statement.setDouble(6, ack.shedKw());
            statement.setDouble(7, ack.targetKw());
            statement.setArray(8, connection.createArrayOf("text", ack.eventIds().toArray()));
            statement.setString(9, ack.reason());
            setInstant(statement, 10, ack.at());
            setInstant(statement, 11, receivedAt);
            return statement.executeUpdate() == 1;
        }
    }

    /** Each site's most recent report on a segment serving the event, keyed by site id. */
    public Map<String, AckView> latestForEvent(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT DISTINCT ON (site_id) " + COLUMNS
                + " FROM dispatch.acks WHERE event_ids @> ARRAY[?]::text[]"
                + " ORDER BY site_id, reported_at DESC, received_at DESC")) {
            statement.setString(1, eventId);
            Map<String, AckView> latest = new LinkedHashMap<>();
            for (AckView ack : read(statement)) {
                latest.put(ack.siteId(), ack);
            }
            return latest;
        }
    }

    /** The site's latest reports, newest first. */
    public List<AckView> forSite(Connection connection, String siteId, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM dispatch.acks WHERE site_id = ? ORDER BY reported_at DESC, received_at DESC LIMIT ?")) {
            statement.setString(1, siteId);
            statement.setInt(2, limit);
            return read(statement);
        }
    }

    private static List<AckView> read(PreparedStatement statement) throws SQLException {
        List<AckView> acks = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                acks.add(new AckView(rs.getString("site_id"), rs.getLong("revision"), instant(rs, "segment_start"),
                        instant(rs, "segment_end"),
                        Status.valueOf(rs.getString("status")), rs.getDouble("shed_kw"), rs.getDouble("target_kw"),
                        Arrays.asList((String[]) rs.getArray("event_ids").getArray()), rs.getString("reason"),
                        instant(rs, "reported_at")));
            }
        }
        return acks;
    }
}
