package io.gridflex.dispatch.schedule;

import static io.gridflex.support.db.Sql.instant;
import static io.gridflex.support.db.Sql.instants;
import static io.gridflex.support.db.Sql.texts;

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
                SELECT h.site_id, h.revision, h.issued_at, h.accepted_revision
                FROM dispatch.schedule_heads h JOIN unnest(?::text[]) AS i(site_id) ON h.site_id = i.site_id
                ORDER BY h.site_id FOR UPDATE OF h
                """)) {
            statement.setArray(1, texts(connection, siteIds));
            Map<String, ScheduleHead> heads = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    heads.put(rs.getString("site_id"), new ScheduleHead(rs.getString("site_id"),
                            rs.getLong("revision"), instant(rs, "issued_at"), rs.getLong("accepted_revision")));
                }
            }
            return heads;
        }
    }

    /**
     * Records issued schedules as the sites' latest and queues them for publication: two statements whatever the
     * number of sites, each taking all rows at once from arrays.
     *
     * @param issued at most one schedule per site
     * @return the outbox rows written, in the order given
     */
    public List<PendingSchedule> issue(Connection connection, List<Issued> issued) throws SQLException {
        if (issued.isEmpty()) {
            return List.of();
        }
        var sites = texts(connection, issued.stream().map(Issued::siteId).toList());
        var revisions = connection.createArrayOf("bigint", issued.stream().map(Issued::revision).toArray());
        var at = instants(connection, issued.stream().map(Issued::issuedAt).toList());
        try (PreparedStatement heads = connection.prepareStatement("""
                INSERT INTO dispatch.schedule_heads (site_id, revision, issued_at)
                SELECT site, revision, at::timestamptz
                FROM unnest(?::text[], ?::bigint[], ?::text[]) AS i(site, revision, at)
                ON CONFLICT (site_id) DO UPDATE SET revision = EXCLUDED.revision, issued_at = EXCLUDED.issued_at
                """)) {
            heads.setArray(1, sites);
            heads.setArray(2, revisions);
            heads.setArray(3, at);
            heads.executeUpdate();
        }
        try (PreparedStatement outbox = connection.prepareStatement("""
                INSERT INTO dispatch.schedule_outbox (site_id, revision, issued_at, payload)
                SELECT site, revision, at::timestamptz, payload
                FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[]) WITH ORDINALITY
                    AS i(site, revision, at, payload, n)
                ORDER BY n
                RETURNING site_id, seq
                """)) {
            outbox.setArray(1, sites);
            outbox.setArray(2, revisions);
            outbox.setArray(3, at);
            outbox.setArray(4, texts(connection, issued.stream().map(Issued::payload).toList()));
            Map<String, Long> seqs = new HashMap<>();
            try (ResultSet rs = outbox.executeQuery()) {
                while (rs.next()) {
                    seqs.put(rs.getString("site_id"), rs.getLong("seq"));
                }
            }
            return issued.stream().map(i -> new PendingSchedule(seqs.get(i.siteId()), i.siteId(), i.revision(),
                    i.payload(), i.issuedAt())).toList();
        }
    }

    /** Whether this revision was issued to this site: revisions count up from 1 without gaps. */
    public boolean wasIssued(Connection connection, String siteId, long revision) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM dispatch.schedule_heads WHERE site_id = ? AND revision >= ?")) {
            statement.setString(1, siteId);
            statement.setLong(2, revision);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Records that the site accepted {@code revision}.
     *
     * @return the revision it had accepted before, or empty when this one is not newer
     */
    public Optional<Long> accepted(Connection connection, String siteId, long revision) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE dispatch.schedule_heads h SET accepted_revision = ?
                FROM (SELECT site_id, accepted_revision FROM dispatch.schedule_heads WHERE site_id = ? FOR UPDATE) old
                WHERE h.site_id = old.site_id AND old.accepted_revision < ?
                RETURNING old.accepted_revision
                """)) {
            statement.setLong(1, revision);
            statement.setString(2, siteId);
            statement.setLong(3, revision);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
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
                SELECT seq, site_id, revision, issued_at, payload FROM dispatch.schedule_outbox
                ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED
                """)) {
            statement.setInt(1, limit);
            List<PendingSchedule> pending = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    pending.add(new PendingSchedule(rs.getLong("seq"), rs.getString("site_id"),
                            rs.getLong("revision"), rs.getString("payload"), instant(rs, "issued_at")));
                }
            }
            return pending;
        }
    }

    /** Published rows leave the outbox; what each site was asked stays in the pieces. */
    @Override
    public void markPublished(Connection connection, List<PendingSchedule> rows, Instant publishedAt)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM dispatch.schedule_outbox WHERE seq = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("bigint",
                    rows.stream().map(PendingSchedule::seq).toArray()));
            statement.executeUpdate();
        }
    }

    @Override
    public Backlog backlog(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*), min(issued_at) AS oldest FROM dispatch.schedule_outbox");
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
     * @param payload the whole SiteSchedule JSON
     */
    public record Issued(String siteId, long revision, Instant issuedAt, String payload) {
    }
}
