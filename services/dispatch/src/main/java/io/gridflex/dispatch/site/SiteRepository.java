package io.gridflex.dispatch.site;

import static io.gridflex.dispatch.db.Sql.instant;
import static io.gridflex.dispatch.db.Sql.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.allocation.SiteFlexibility;
import io.gridflex.messages.SiteTelemetry;

/** The site registry: one row per site, holding its latest telemetry. */
@ApplicationScoped
public class SiteRepository {

    /** What storing a telemetry report did. */
    public enum Stored {
        REGISTERED, UPDATED, NOT_NEWER
    }

    /**
     * Stores the report unless the site already holds one ending at the same time or later; a site not yet known is
     * registered. {@code xmax = 0} tells a fresh insert from an update in the same statement.
     */
    public Stored record(Connection connection, SiteTelemetry telemetry, Instant receivedAt) throws SQLException {
        String sql = """
                INSERT INTO dispatch.sites (site_id, sheddable_kw, max_import_kw, average_kw, miners_total,
                    miners_running, active_command_id, interval_start, interval_end, first_seen_at, last_seen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (site_id) DO UPDATE SET
                    sheddable_kw = EXCLUDED.sheddable_kw,
                    max_import_kw = EXCLUDED.max_import_kw,
                    average_kw = EXCLUDED.average_kw,
                    miners_total = EXCLUDED.miners_total,
                    miners_running = EXCLUDED.miners_running,
                    active_command_id = EXCLUDED.active_command_id,
                    interval_start = EXCLUDED.interval_start,
                    interval_end = EXCLUDED.interval_end,
                    last_seen_at = EXCLUDED.last_seen_at
                WHERE dispatch.sites.interval_end < EXCLUDED.interval_end
                RETURNING (xmax = 0) AS inserted
                """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, telemetry.siteId());
            statement.setDouble(2, telemetry.sheddableKw());
            statement.setDouble(3, telemetry.maxImportKw());
            statement.setDouble(4, telemetry.averageKw());
            statement.setInt(5, telemetry.minersTotal());
            statement.setInt(6, telemetry.minersRunning());
            statement.setString(7, telemetry.activeCommandId());
            setInstant(statement, 8, telemetry.intervalStart());
            setInstant(statement, 9, telemetry.intervalEnd());
            setInstant(statement, 10, receivedAt);
            setInstant(statement, 11, receivedAt);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Stored.NOT_NEWER;
                }
                return rs.getBoolean("inserted") ? Stored.REGISTERED : Stored.UPDATED;
            }
        }
    }

    public Optional<Instant> latestIntervalEnd(Connection connection, String siteId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT interval_end FROM dispatch.sites WHERE site_id = ?")) {
            statement.setString(1, siteId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(instant(rs, "interval_end")) : Optional.empty();
            }
        }
    }

    /** Sites whose latest interval ended at or after {@code freshSince}. */
    public List<SiteFlexibility> fresh(Connection connection, Instant freshSince) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT site_id, sheddable_kw FROM dispatch.sites WHERE interval_end >= ? ORDER BY site_id")) {
            setInstant(statement, 1, freshSince);
            List<SiteFlexibility> sites = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    sites.add(new SiteFlexibility(rs.getString("site_id"), rs.getDouble("sheddable_kw")));
                }
            }
            return sites;
        }
    }

    public List<SiteView> all(Connection connection, Instant now, Instant freshSince) throws SQLException {
        List<SiteView> sites = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT site_id, sheddable_kw, max_import_kw, average_kw, miners_total, miners_running,
                       active_command_id, interval_end, first_seen_at, last_seen_at
                FROM dispatch.sites ORDER BY site_id
                """);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                Instant intervalEnd = instant(rs, "interval_end");
                sites.add(new SiteView(rs.getString("site_id"), rs.getDouble("sheddable_kw"),
                        rs.getDouble("max_import_kw"), rs.getDouble("average_kw"), rs.getInt("miners_total"),
                        rs.getInt("miners_running"), rs.getString("active_command_id"), intervalEnd,
                        instant(rs, "first_seen_at"), instant(rs, "last_seen_at"),
                        Math.max(0, now.getEpochSecond() - intervalEnd.getEpochSecond()),
                        !intervalEnd.isBefore(freshSince)));
            }
        }
        return sites;
    }
}
