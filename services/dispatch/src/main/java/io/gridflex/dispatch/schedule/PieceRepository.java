package io.gridflex.dispatch.schedule;

import static io.gridflex.dispatch.db.Sql.instant;
import static io.gridflex.dispatch.db.Sql.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.allocation.DeciKw;
import io.gridflex.messages.ScheduleSegment.Kind;

/**
 * Allocations as pieces per event and site. The past is never rewritten: replacing an event's pieces "from now" cuts
 * the piece under way at now and replaces only what lies after it.
 */
@ApplicationScoped
public class PieceRepository {

    private static final String COLUMNS = "event_id, program_id, kind, site_id, starts_at, ends_at, kw, import_cap_kw";

    /** The event's pieces that end after {@code from}. */
    public List<SitePiece> forEvent(Connection connection, String eventId, Instant from) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM dispatch.pieces WHERE event_id = ? AND ends_at > ? ORDER BY site_id, starts_at")) {
            statement.setString(1, eventId);
            setInstant(statement, 2, from);
            return read(statement);
        }
    }

    /** Every piece of the event, past included, by site then start. */
    public List<SitePiece> allForEvent(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM dispatch.pieces WHERE event_id = ? ORDER BY site_id, starts_at")) {
            statement.setString(1, eventId);
            return read(statement);
        }
    }

    /** Every piece at the given sites that ends after {@code from}, any event. */
    public List<SitePiece> forSites(Connection connection, Collection<String> siteIds, Instant from)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM dispatch.pieces WHERE site_id = ANY (?) AND ends_at > ? ORDER BY site_id, starts_at")) {
            statement.setArray(1, connection.createArrayOf("varchar", siteIds.toArray()));
            setInstant(statement, 2, from);
            return read(statement);
        }
    }

    /** Pieces at the given sites that ended after {@code from} and at or before {@code to}. */
    public List<SitePiece> endedBetween(Connection connection, Collection<String> siteIds, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM dispatch.pieces WHERE site_id = ANY (?) AND ends_at > ? AND ends_at <= ?")) {
            statement.setArray(1, connection.createArrayOf("varchar", siteIds.toArray()));
            setInstant(statement, 2, from);
            setInstant(statement, 3, to);
            return read(statement);
        }
    }

    /** Every piece in force at {@code at}, any site. */
    public List<SitePiece> at(Connection connection, Instant at) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM dispatch.pieces WHERE starts_at <= ? AND ends_at > ? ORDER BY site_id, event_id")) {
            setInstant(statement, 1, at);
            setInstant(statement, 2, at);
            return read(statement);
        }
    }

    /**
     * Replaces what the event asks of every site from {@code now} on with {@code pieces} (all starting at or after
     * now). A piece under way at now is cut there; when the first new piece continues it unchanged, the two stay one,
     * so an unchanged allocation leaves the stored pieces exactly as they were.
     */
    public void replaceFrom(Connection connection, String eventId, Instant now, List<SitePiece> pieces)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM dispatch.pieces WHERE event_id = ? AND starts_at >= ?")) {
            delete.setString(1, eventId);
            setInstant(delete, 2, now);
            delete.executeUpdate();
        }
        List<SitePiece> underway = new ArrayList<>();
        try (PreparedStatement cut = connection.prepareStatement("UPDATE dispatch.pieces SET ends_at = ? "
                + "WHERE event_id = ? AND starts_at < ? AND ends_at > ? RETURNING " + COLUMNS)) {
            setInstant(cut, 1, now);
            cut.setString(2, eventId);
            setInstant(cut, 3, now);
            setInstant(cut, 4, now);
            underway.addAll(read(cut));
        }
        List<SitePiece> toInsert = new ArrayList<>();
        for (SitePiece piece : pieces) {
            SitePiece continued = underway.stream().filter(u -> continues(u, piece)).findFirst().orElse(null);
            if (continued != null) {
                extend(connection, continued, piece.end());
            } else {
                toInsert.add(piece);
            }
        }
        insert(connection, toInsert);
    }

    private static boolean continues(SitePiece before, SitePiece next) {
        return before.siteId().equals(next.siteId()) && before.end().equals(next.start())
                && before.deciKw() == next.deciKw() && java.util.Objects.equals(before.importCapDeciKw(),
                        next.importCapDeciKw());
    }

    private static void extend(Connection connection, SitePiece piece, Instant end) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE dispatch.pieces SET ends_at = ? WHERE event_id = ? AND site_id = ? AND starts_at = ?")) {
            setInstant(statement, 1, end);
            statement.setString(2, piece.eventId());
            statement.setString(3, piece.siteId());
            setInstant(statement, 4, piece.start());
            statement.executeUpdate();
        }
    }

    private static void insert(Connection connection, List<SitePiece> pieces) throws SQLException {
        if (pieces.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO dispatch.pieces (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (SitePiece piece : pieces) {
                statement.setString(1, piece.eventId());
                statement.setString(2, piece.programId());
                statement.setString(3, piece.kind().name());
                statement.setString(4, piece.siteId());
                setInstant(statement, 5, piece.start());
                setInstant(statement, 6, piece.end());
                statement.setBigDecimal(7, DeciKw.toDecimal(piece.deciKw()));
                if (piece.importCapDeciKw() == null) {
                    statement.setNull(8, Types.NUMERIC);
                } else {
                    statement.setBigDecimal(8, DeciKw.toDecimal(piece.importCapDeciKw()));
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static List<SitePiece> read(PreparedStatement statement) throws SQLException {
        List<SitePiece> pieces = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                var cap = rs.getBigDecimal("import_cap_kw");
                pieces.add(new SitePiece(rs.getString("event_id"), rs.getString("program_id"),
                        Kind.valueOf(rs.getString("kind")), rs.getString("site_id"), instant(rs, "starts_at"),
                        instant(rs, "ends_at"), DeciKw.round(rs.getBigDecimal("kw")),
                        cap == null ? null : DeciKw.round(cap)));
            }
        }
        return pieces;
    }
}
