package io.gridflex.settlement.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.meter.SiteLocks;
import io.gridflex.support.db.Sql;
import io.gridflex.support.db.Transactions;

/** Every revision of every site's schedule: {@code site_schedule}, {@code schedule_segment}, {@code schedule_contribution}. */
@ApplicationScoped
public class ScheduleRepository {

    /** Whether the site agent refused revision {@code h}: such a revision never governs (the agent kept its own). */
    private static final String REFUSED = """
            EXISTS (SELECT 1 FROM settlement.schedule_rejection r
                     WHERE r.site_id = h.site_id AND r.revision = h.revision)""";

    /**
     * The segments (with their contributions) overlapping a window of the revisions that can govern inside it: the
     * highest governing at the window's start, and every one governing from inside the window.
     */
    private static final String AROUND = """
            WITH chosen AS (
                (SELECT revision, issued_at, governs_from FROM settlement.site_schedule h
                  WHERE site_id = ? AND governs_from <= ? AND NOT %1$s ORDER BY revision DESC LIMIT 1)
                UNION
                (SELECT revision, issued_at, governs_from FROM settlement.site_schedule h
                  WHERE site_id = ? AND governs_from > ? AND governs_from < ? AND NOT %1$s)
            )
            SELECT ch.revision, ch.issued_at, ch.governs_from, s.seq, s.start_at, s.end_at, s.shed_kw,
                   s.import_cap_kw, c.event_id, c.program, c.kind, c.kw, c.import_cap_kw AS contribution_cap_kw
              FROM chosen ch
              LEFT JOIN settlement.schedule_segment s
                ON s.site_id = ? AND s.revision = ch.revision AND s.start_at < ? AND s.end_at > ?
              LEFT JOIN settlement.schedule_contribution c
                ON c.site_id = s.site_id AND c.revision = s.revision AND c.segment_seq = s.seq
             ORDER BY ch.revision, s.seq, c.seq
            """.formatted(REFUSED);

    private final Transactions transactions;

    public ScheduleRepository(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * What storing a revision came to: stored, or a revision of that number already held, with its payload.
     *
     * @param existingPayload null when stored
     */
    public record StoreAttempt(boolean stored, String existingPayload) {
    }

    /**
     * Stores {@code revision} with its canonical {@code payload}, unless the site already holds that revision number;
     * then the stored payload is returned for the caller to compare. One transaction: header, segments and
     * contributions are stored together or not at all.
     */
    public StoreAttempt store(Revision revision, String payload, Instant receivedAt) {
        return transactions.inTransaction(connection -> {
            SiteLocks.lock(connection, List.of(revision.siteId()));
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO settlement.site_schedule (site_id, revision, issued_at, received_at, payload,
                                                          accepted_at, lower_held_until, held)
                    SELECT ?, ?, issued, ?, CAST(? AS jsonb), a.accepted_at,
                           (SELECT MAX(m.interval_end) FROM settlement.meter_interval m
                             WHERE m.site_id = ? AND m.interval_start > issued - interval '1 day'
                               AND m.interval_end > issued AND m.schedule_revision < ?),
                           EXISTS (SELECT 1 FROM settlement.meter_interval m
                                    WHERE m.site_id = ? AND m.interval_start > issued - interval '1 day'
                                      AND m.schedule_revision >= ?)
                      FROM (SELECT ?::timestamptz AS issued) i
                      LEFT JOIN settlement.schedule_acceptance a ON a.site_id = ? AND a.revision = ?
                    ON CONFLICT (site_id, revision) DO NOTHING
                    """)) {
                insert.setString(1, revision.siteId());
                insert.setLong(2, revision.revision());
                Sql.setInstant(insert, 3, receivedAt);
                insert.setString(4, payload);
                insert.setString(5, revision.siteId());
                insert.setLong(6, revision.revision());
                insert.setString(7, revision.siteId());
                insert.setLong(8, revision.revision());
                Sql.setInstant(insert, 9, revision.issuedAt());
                insert.setString(10, revision.siteId());
                insert.setLong(11, revision.revision());
                if (insert.executeUpdate() == 0) {
                    return new StoreAttempt(false, payload(connection, revision.siteId(), revision.revision()));
                }
            }
            insertSegments(connection, revision);
            return new StoreAttempt(true, null);
        });
    }

    /**
     * Records that the site accepted {@code revision} at {@code acceptedAt} (its agent's clock), from when the revision
     * governs it (never before its issue; see settlement.site_schedule.governs_from); false when that acceptance was
     * already recorded. The revision itself need not have arrived yet.
     */
    public boolean storeAcceptance(String siteId, long revision, Instant acceptedAt, Instant receivedAt) {
        return transactions.inTransaction(connection -> {
            SiteLocks.lock(connection, List.of(siteId));
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO settlement.schedule_acceptance (site_id, revision, accepted_at, received_at)
                    VALUES (?, ?, ?, ?)
                    ON CONFLICT (site_id, revision) DO NOTHING
                    """)) {
                insert.setString(1, siteId);
                insert.setLong(2, revision);
                Sql.setInstant(insert, 3, acceptedAt);
                Sql.setInstant(insert, 4, receivedAt);
                if (insert.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE settlement.site_schedule SET accepted_at = ? WHERE site_id = ? AND revision = ?
                    """)) {
                Sql.setInstant(update, 1, acceptedAt);
                update.setString(2, siteId);
                update.setLong(3, revision);
                update.executeUpdate();
            }
            return true;
        });
    }

    /**
     * Records that the site refused {@code revision}; false when that refusal was already recorded. The revision
     * itself need not have arrived yet.
     */
    public boolean storeRejection(String siteId, long revision, String reason, Instant reportedAt,
            Instant receivedAt) {
        return transactions.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO settlement.schedule_rejection (site_id, revision, reason, reported_at, received_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (site_id, revision) DO NOTHING
                    """)) {
                insert.setString(1, siteId);
                insert.setLong(2, revision);
                insert.setString(3, reason);
                Sql.setInstant(insert, 4, reportedAt);
                Sql.setInstant(insert, 5, receivedAt);
                return insert.executeUpdate() == 1;
            }
        });
    }

    /**
     * Every site whose schedules ever gave {@code eventId} an EVENT contribution, in a revision the site did not
     * refuse, by site id, with its span.
     */
    public List<SiteSpan> eventSpans(String eventId) {
        return transactions.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT c.site_id, min(s.start_at) AS first_start, max(s.end_at) AS last_end
                      FROM settlement.schedule_contribution c
                      JOIN settlement.schedule_segment s
                        ON s.site_id = c.site_id AND s.revision = c.revision AND s.seq = c.segment_seq
                      JOIN settlement.site_schedule h ON h.site_id = c.site_id AND h.revision = c.revision
                     WHERE c.event_id = ? AND c.kind = 'EVENT' AND NOT %s
                     GROUP BY c.site_id
                     ORDER BY c.site_id
                    """.formatted(REFUSED))) {
                statement.setString(1, eventId);
                List<SiteSpan> spans = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        spans.add(new SiteSpan(rows.getString("site_id"), new TimeWindow(
                                Sql.instant(rows, "first_start"), Sql.instant(rows, "last_end"))));
                    }
                }
                return spans;
            }
        });
    }

    /**
     * The revisions that can govern the site inside {@code window}, each with only its segments overlapping the
     * window: enough for {@link EffectiveSchedule#pieces} over that window.
     */
    public List<Revision> around(String siteId, TimeWindow window) {
        return transactions.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(AROUND)) {
                statement.setString(1, siteId);
                Sql.setInstant(statement, 2, window.start());
                statement.setString(3, siteId);
                Sql.setInstant(statement, 4, window.start());
                Sql.setInstant(statement, 5, window.end());
                statement.setString(6, siteId);
                Sql.setInstant(statement, 7, window.end());
                Sql.setInstant(statement, 8, window.start());
                return RevisionRows.read(siteId, statement);
            }
        });
    }

    /** The revision governing the site at {@code at}, whole, if any governed by then. */
    public Optional<StoredRevision> governingAt(String siteId, Instant at) {
        return transactions.read(connection -> {
            Long number;
            Instant receivedAt;
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT revision, received_at FROM settlement.site_schedule h
                     WHERE site_id = ? AND governs_from <= ? AND NOT %s ORDER BY revision DESC LIMIT 1
                    """.formatted(REFUSED))) {
                statement.setString(1, siteId);
                Sql.setInstant(statement, 2, at);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    number = rows.getLong("revision");
                    receivedAt = Sql.instant(rows, "received_at");
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT h.revision, h.issued_at, h.governs_from, s.seq, s.start_at, s.end_at, s.shed_kw,
                           s.import_cap_kw, c.event_id, c.program, c.kind, c.kw, c.import_cap_kw AS contribution_cap_kw
                      FROM settlement.site_schedule h
                      LEFT JOIN settlement.schedule_segment s ON s.site_id = h.site_id AND s.revision = h.revision
                      LEFT JOIN settlement.schedule_contribution c
                        ON c.site_id = s.site_id AND c.revision = s.revision AND c.segment_seq = s.seq
                     WHERE h.site_id = ? AND h.revision = ?
                     ORDER BY s.seq, c.seq
                    """)) {
                statement.setString(1, siteId);
                statement.setLong(2, number);
                return RevisionRows.read(siteId, statement).stream().findFirst()
                        .map(revision -> new StoredRevision(revision, receivedAt));
            }
        });
    }

    /** True when at least one schedule revision of the site has been stored. */
    public boolean siteKnown(String siteId) {
        return transactions.read(connection -> {
            try (PreparedStatement statement = connection
                    .prepareStatement("SELECT 1 FROM settlement.site_schedule WHERE site_id = ? LIMIT 1")) {
                statement.setString(1, siteId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    private static String payload(Connection connection, String siteId, long revision) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT payload::text FROM settlement.site_schedule WHERE site_id = ? AND revision = ?")) {
            statement.setString(1, siteId);
            statement.setLong(2, revision);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static void insertSegments(Connection connection, Revision revision) throws SQLException {
        try (PreparedStatement segments = connection.prepareStatement("""
                INSERT INTO settlement.schedule_segment
                    (site_id, revision, seq, start_at, end_at, shed_kw, import_cap_kw)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """);
                PreparedStatement contributions = connection.prepareStatement("""
                        INSERT INTO settlement.schedule_contribution
                            (site_id, revision, segment_seq, seq, event_id, program, kind, kw, import_cap_kw)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)) {
            for (int s = 0; s < revision.segments().size(); s++) {
                Segment segment = revision.segments().get(s);
                segments.setString(1, revision.siteId());
                segments.setLong(2, revision.revision());
                segments.setInt(3, s);
                Sql.setInstant(segments, 4, segment.start());
                Sql.setInstant(segments, 5, segment.end());
                segments.setBigDecimal(6, segment.shedKw());
                segments.setBigDecimal(7, segment.importCapKw());
                segments.addBatch();
                for (int c = 0; c < segment.contributions().size(); c++) {
                    Contribution contribution = segment.contributions().get(c);
                    contributions.setString(1, revision.siteId());
                    contributions.setLong(2, revision.revision());
                    contributions.setInt(3, s);
                    contributions.setInt(4, c);
                    contributions.setString(5, contribution.eventId());
                    contributions.setString(6, contribution.program());
                    contributions.setString(7, contribution.kind().name());
                    contributions.setBigDecimal(8, contribution.kw());
                    contributions.setBigDecimal(9, contribution.importCapKw());
                    contributions.addBatch();
                }
            }
            // Segments first: contributions refer to them.
            segments.executeBatch();
            contributions.executeBatch();
        }
    }
}
