package io.gridflex.dispatch.operator;

import static io.gridflex.support.db.Sql.instant;
import static io.gridflex.support.db.Sql.setDecimal;
import static io.gridflex.support.db.Sql.setInstant;
import static io.gridflex.support.db.Sql.texts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** Operators' overrides of sites. Cleared overrides are kept: they are part of what happened. */
@ApplicationScoped
public class OverrideRepository {

    private static final String COLUMNS = """
            override_id, site_id, kind, kw, starts_at, ends_at, reason, created_at, created_by, cleared_at, cleared_by
            """;

    public SiteOverride insert(Connection connection, String siteId, OverrideKind kind, java.math.BigDecimal kw,
            Instant start, Instant end, String reason, Instant now, String actor) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO dispatch.overrides (site_id, kind, kw, starts_at, ends_at, reason, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING
                """ + COLUMNS)) {
            statement.setString(1, siteId);
            statement.setString(2, kind.name());
            setDecimal(statement, 3, kw);
            setInstant(statement, 4, start);
            setInstant(statement, 5, end);
            statement.setString(6, reason);
            setInstant(statement, 7, now);
            statement.setString(8, actor);
            return read(statement).getFirst();
        }
    }

    /** Clears an override still in force; empty when there is none by that id, or it was cleared or has ended. */
    public Optional<SiteOverride> clear(Connection connection, long overrideId, Instant now, String actor)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE dispatch.overrides SET cleared_at = ?, cleared_by = ?
                WHERE override_id = ? AND cleared_at IS NULL AND ends_at > ? RETURNING
                """ + COLUMNS)) {
            setInstant(statement, 1, now);
            statement.setString(2, actor);
            statement.setLong(3, overrideId);
            setInstant(statement, 4, now);
            return read(statement).stream().findFirst();
        }
    }

    public Optional<SiteOverride> find(Connection connection, long overrideId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM dispatch.overrides WHERE override_id = ?")) {
            statement.setLong(1, overrideId);
            return read(statement).stream().findFirst();
        }
    }

    /** Overrides of the given sites not cleared and not ended at {@code from}. */
    public List<SiteOverride> inForce(Connection connection, Collection<String> siteIds, Instant from)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + """
                 FROM dispatch.overrides
                JOIN unnest(?::text[]) AS i(id) ON site_id = i.id
                WHERE cleared_at IS NULL AND ends_at > ? ORDER BY override_id
                """)) {
            statement.setArray(1, texts(connection, siteIds));
            setInstant(statement, 2, from);
            return read(statement);
        }
    }

    /** Newest first; only those still in force at {@code now} when asked. */
    public List<SiteOverride> list(Connection connection, boolean inForceOnly, Instant now, int limit)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM dispatch.overrides"
                + (inForceOnly ? " WHERE cleared_at IS NULL AND ends_at > ?" : " WHERE ? IS NOT NULL")
                + " ORDER BY override_id DESC LIMIT ?")) {
            setInstant(statement, 1, now);
            statement.setInt(2, limit);
            return read(statement);
        }
    }

    private static List<SiteOverride> read(PreparedStatement statement) throws SQLException {
        List<SiteOverride> overrides = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                overrides.add(new SiteOverride(rs.getLong("override_id"), rs.getString("site_id"),
                        OverrideKind.valueOf(rs.getString("kind")), rs.getBigDecimal("kw"), instant(rs, "starts_at"),
                        instant(rs, "ends_at"), rs.getString("reason"), instant(rs, "created_at"),
                        rs.getString("created_by"), instant(rs, "cleared_at"), rs.getString("cleared_by")));
            }
        }
        return overrides;
    }
}
