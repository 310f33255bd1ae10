package io.gridflex.dispatch.live;

import static io.gridflex.support.db.Sql.instant;
import static io.gridflex.support.db.Sql.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/** Sites the closed loop found short, one finding per site. */
@ApplicationScoped
public class DerateRepository {

    public void save(Connection connection, Derate derate) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO dispatch.site_derates (site_id, kw, since, until, reason) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (site_id) DO UPDATE SET kw = EXCLUDED.kw, since = EXCLUDED.since,
                    until = EXCLUDED.until, reason = EXCLUDED.reason
                """)) {
            statement.setString(1, derate.siteId());
            statement.setBigDecimal(2, derate.kw());
            setInstant(statement, 3, derate.since());
            setInstant(statement, 4, derate.until());
            statement.setString(5, derate.reason());
            statement.executeUpdate();
        }
    }

    public void lift(Connection connection, String siteId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM dispatch.site_derates WHERE site_id = ?")) {
            statement.setString(1, siteId);
            statement.executeUpdate();
        }
    }

    /** Findings still in force at {@code at} for the given sites (all sites when null). */
    public Map<String, Derate> inForce(Connection connection, Collection<String> siteIds, Instant at)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT site_id, kw, since, until, reason FROM dispatch.site_derates
                WHERE until > ? AND (CAST(? AS varchar[]) IS NULL OR site_id = ANY (?))
                """)) {
            setInstant(statement, 1, at);
            var array = siteIds == null ? null : connection.createArrayOf("varchar", siteIds.toArray());
            statement.setArray(2, array);
            statement.setArray(3, array);
            Map<String, Derate> derates = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    derates.put(rs.getString("site_id"), new Derate(rs.getString("site_id"), rs.getBigDecimal("kw"),
                            instant(rs, "since"), instant(rs, "until"), rs.getString("reason")));
                }
            }
            return derates;
        }
    }
}
