package io.gridflex.dispatch.schedule;

import static io.gridflex.dispatch.db.Sql.instant;
import static io.gridflex.dispatch.db.Sql.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.support.outbox.Outbox;

/** The schedules issued to sites: the latest per site, and the outbox of every one the relay publishes. */
@ApplicationScoped
public class ScheduleRepository implements Outbox<PendingSchedule> {

    /** The latest schedules of the given sites, locked until the caller's transaction ends. */
    public Map<String, ScheduleHead> lockHeads(Connection connection, Collection<String> siteIds)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT site_id, revision, issued_at, segments FROM dispatch.schedule_heads
                WHERE site_id = ANY (?) ORDER BY site_id FOR UPDATE
                """)) {
            statement.setArray(1, connection.createArrayOf("varchar", siteIds.toArray()));
            Map<String, ScheduleHead> heads = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    heads.put(rs.getString("site_id"), new ScheduleHead(rs.getString("site_id"),
                            rs.getLong("revision"), instant(rs, "issued_at"), rs.getString("segments")));
                }
            }
            return heads;
        }
    }

    /** Records issued schedules as the sites' latest and queues them for publication, in one round trip each. */
    public void issue(Connection connection, List<Issued> issued) throws SQLException {
        if (issued.isEmpty()) {
            return;
        }
        try (PreparedStatement heads = connection.prepareStatement("""
                INSERT INTO dispatch.schedule_heads (site_id, revision, issued_at, segments) VALUES (?, ?, ?, ?)
                ON CONFLICT (site_id) DO UPDATE SET revision = EXCLUDED.revision, issued_at = EXCLUDED.issued_at,
                    segments = EXCLUDED.segments
                """);
                PreparedStatement outbox = connection.prepareStatement("""
                        INSERT INTO dispatch.schedules (site_id, revision, issued_at, payload) VALUES (?, ?, ?, ?)
                        """)) {
            for (Issued schedule : issued) {
                heads.setString(1, schedule.siteId());
                heads.setLong(2, schedule.revision());
                setInstant(heads, 3, schedule.issuedAt());
                heads.setString(4, schedule.segmentsJson());
                heads.addBatch();
                outbox.setString(1, schedule.siteId());
                outbox.setLong(2, schedule.revision());
                setInstant(outbox, 3, schedule.issuedAt());
                outbox.setString(4, schedule.payload());
                outbox.addBatch();
            }
            heads.executeBatch();
            outbox.executeBatch();
        }
    }

    /** Whether this revision was issued to this site. */
    public boolean wasIssued(Connection connection, String siteId, long revision) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM dispatch.schedules WHERE site_id = ? AND revision = ?")) {
            statement.setString(1, siteId);
            statement.setLong(2, revision);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The payload of the latest schedule issued to the site. */
    public Optional<String> latestPayload(Connection connection, String siteId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT payload FROM dispatch.schedules WHERE site_id = ? ORDER BY revision DESC LIMIT 1
                """)) {
            statement.setString(1, siteId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Locks the oldest unpublished schedules for the caller's transaction. SKIP LOCKED lets a second dispatch instance
     * relay other rows instead of waiting or sending the same ones.
     */
    @Override
    public List<PendingSchedule> lockUnpublished(Connection connection, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT site_id, revision, payload, issued_at FROM dispatch.schedules
                WHERE published_at IS NULL
                ORDER BY seq
                LIMIT ?
                FOR UPDATE SKIP LOCKED
                """)) {
            statement.setInt(1, limit);
            List<PendingSchedule> pending = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    pending.add(new PendingSchedule(rs.getString("site_id"), rs.getLong("revision"),
                            rs.getString("payload"), instant(rs, "issued_at")));
                }
            }
            return pending;
        }
    }

    @Override
    public void markPublished(Connection connection, List<PendingSchedule> rows, Instant publishedAt)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE dispatch.schedules SET published_at = ?
                WHERE (site_id, revision) IN (SELECT * FROM unnest(?::varchar[], ?::bigint[]))
                """)) {
            setInstant(statement, 1, publishedAt);
            statement.setArray(2, connection.createArrayOf("varchar",
                    rows.stream().map(PendingSchedule::siteId).toArray()));
            statement.setArray(3, connection.createArrayOf("bigint",
                    rows.stream().map(PendingSchedule::revision).toArray()));
            statement.executeUpdate();
        }
    }

    @Override
    public Backlog backlog(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*), min(issued_at) AS oldest FROM dispatch.schedules WHERE published_at IS NULL");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return new Backlog(rs.getLong(1), Optional.ofNullable(instant(rs, "oldest")));
        }
    }

    /**
     * A schedule to issue.
     *
     * @param siteId the site
     * @param revision the site's next revision
     * @param issuedAt when
     * @param segmentsJson its segments, for the next comparison
     * @param payload the whole SiteSchedule JSON
     */
    public record Issued(String siteId, long revision, Instant issuedAt, String segmentsJson, String payload) {
    }
}
