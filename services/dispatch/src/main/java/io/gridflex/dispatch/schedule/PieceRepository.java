package io.gridflex.dispatch.schedule;

import static io.gridflex.support.db.Sql.instant;
import static io.gridflex.support.db.Sql.instants;
import static io.gridflex.support.db.Sql.setInstant;
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
import java.util.Objects;

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
    private static final String PREFIXED = "p.event_id, p.program_id, p.kind, p.site_id, p.starts_at, p.ends_at, p.kw, "
            + "p.import_cap_kw";

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
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + PREFIXED + """
                 FROM dispatch.pieces p
                WHERE p.ends_at > ? AND p.site_id IN (SELECT unnest(?::text[]))
                ORDER BY p.site_id, p.starts_at
                """)) {
            setInstant(statement, 1, from);
            statement.setArray(2, texts(connection, siteIds));
            return read(statement);
        }
    }

    /** Pieces at the given sites that ended after {@code from} and at or before {@code to}. */
    public List<SitePiece> endedBetween(Connection connection, Collection<String> siteIds, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + PREFIXED + """
                 FROM dispatch.pieces p
                WHERE p.ends_at > ? AND p.ends_at <= ? AND p.site_id IN (SELECT unnest(?::text[]))
                """)) {
            setInstant(statement, 1, from);
            setInstant(statement, 2, to);
            statement.setArray(3, texts(connection, siteIds));
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
        Map<String, SitePiece> underwayBySite = new HashMap<>();
        underway.forEach(u -> underwayBySite.put(u.siteId(), u));
        List<SitePiece> toInsert = new ArrayList<>();
        List<SitePiece> extended = new ArrayList<>();
        for (SitePiece piece : pieces) {
            SitePiece before = underwayBySite.get(piece.siteId());
            if (before != null && continues(before, piece)) {
                extended.add(new SitePiece(before.eventId(), before.programId(), before.kind(), before.siteId(),
                        before.start(), piece.end(), before.deciKw(), before.importCapDeciKw()));
            } else {
                toInsert.add(piece);
            }
        }
        extend(connection, extended);
        insert(connection, toInsert);
    }

    private static boolean continues(SitePiece before, SitePiece next) {
        return before.siteId().equals(next.siteId()) && before.end().equals(next.start())
                && before.deciKw() == next.deciKw() && Objects.equals(before.importCapDeciKw(),
                        next.importCapDeciKw());
    }

    /** Gives pieces under way their new ends, in one statement. */
    private static void extend(Connection connection, List<SitePiece> pieces) throws SQLException {
        if (pieces.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE dispatch.pieces p SET ends_at = i.ends_at::timestamptz
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS i(event_id, site_id, starts_at, ends_at)
                WHERE p.event_id = i.event_id AND p.site_id = i.site_id AND p.starts_at = i.starts_at::timestamptz
                """)) {
            statement.setArray(1, texts(connection, pieces.stream().map(SitePiece::eventId).toList()));
            statement.setArray(2, texts(connection, pieces.stream().map(SitePiece::siteId).toList()));
            statement.setArray(3, instants(connection, pieces.stream().map(SitePiece::start).toList()));
            statement.setArray(4, instants(connection, pieces.stream().map(SitePiece::end).toList()));
            statement.executeUpdate();
        }
    }

    /** All pieces in one statement, from arrays. */
    private static void insert(Connection connection, List<SitePiece> pieces) throws SQLException {
        if (pieces.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO dispatch.pieces (" + COLUMNS
                + """
                        ) SELECT event_id, program_id, kind, site_id, starts_at::timestamptz, ends_at::timestamptz, kw,
                            import_cap_kw
                        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[],
                            ?::numeric[]) AS i(event_id, program_id, kind, site_id, starts_at, ends_at, kw, import_cap_kw)
                        """)) {
            statement.setArray(1, texts(connection, pieces.stream().map(SitePiece::eventId).toList()));
            statement.setArray(2, texts(connection, pieces.stream().map(SitePiece::programId).toList()));
            statement.setArray(3, texts(connection, pieces.stream().map(p -> p.kind().name()).toList()));
            statement.setArray(4, texts(connection, pieces.stream().map(SitePiece::siteId).toList()));
            statement.setArray(5, instants(connection, pieces.stream().map(SitePiece::start).toList()));
            statement.setArray(6, instants(connection, pieces.stream().map(SitePiece::end).toList()));
            statement.setArray(7, connection.createArrayOf("numeric",
                    pieces.stream().map(p -> DeciKw.toDecimal(p.deciKw())).toArray()));
            statement.setArray(8, connection.createArrayOf("numeric", pieces.stream()
                    .map(p -> p.importCapDeciKw() == null ? null : DeciKw.toDecimal(p.importCapDeciKw())).toArray()));
            statement.executeUpdate();
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
