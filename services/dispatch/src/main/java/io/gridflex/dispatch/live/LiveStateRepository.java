package io.gridflex.dispatch.live;

import static io.gridflex.support.db.Sql.instant;
import static io.gridflex.support.db.Sql.setInstant;
import static io.gridflex.support.db.Sql.texts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.messages.SiteTelemetry;

/** The latest report of every registered site. */
@ApplicationScoped
public class LiveStateRepository {

    private static final String COLUMNS = """
            site_id, interval_start, interval_end, site_kw, mining_kw, datacentre_kw, sheddable_kw, shed_kw,
            target_shed_kw, max_import_kw, miners_total, miners_hashing, miners_asleep, miners_unreachable,
            miners_other, hashrate_ths, efficiency_j_per_th, schedule_revision, source, coverage, received_at
            """;

    /** What storing a report did. */
    public enum Stored {
        STORED, NOT_NEWER, UNKNOWN_SITE
    }

    /**
     * Stores the report if the site is registered (and not removed) and the report ends after the one held. The
     * registry check and the write are one statement, so a site removed meanwhile cannot slip in.
     */
    public Stored record(Connection connection, LiveState state) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO dispatch.site_live (" + COLUMNS
                + """
                        ) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                        WHERE EXISTS (SELECT 1 FROM dispatch.sites WHERE site_id = ? AND status <> 'REMOVED')
                        ON CONFLICT (site_id) DO UPDATE SET
                            interval_start = EXCLUDED.interval_start, interval_end = EXCLUDED.interval_end,
                            site_kw = EXCLUDED.site_kw, mining_kw = EXCLUDED.mining_kw,
                            datacentre_kw = EXCLUDED.datacentre_kw, sheddable_kw = EXCLUDED.sheddable_kw,
                            shed_kw = EXCLUDED.shed_kw, target_shed_kw = EXCLUDED.target_shed_kw,
                            max_import_kw = EXCLUDED.max_import_kw, miners_total = EXCLUDED.miners_total,
                            miners_hashing = EXCLUDED.miners_hashing, miners_asleep = EXCLUDED.miners_asleep,
                            miners_unreachable = EXCLUDED.miners_unreachable, miners_other = EXCLUDED.miners_other,
                            hashrate_ths = EXCLUDED.hashrate_ths, efficiency_j_per_th = EXCLUDED.efficiency_j_per_th,
                            schedule_revision = EXCLUDED.schedule_revision, source = EXCLUDED.source,
                            coverage = EXCLUDED.coverage, received_at = EXCLUDED.received_at
                        WHERE dispatch.site_live.interval_end < EXCLUDED.interval_end
                        """)) {
            int i = 1;
            statement.setString(i++, state.siteId());
            setInstant(statement, i++, state.intervalStart());
            setInstant(statement, i++, state.intervalEnd());
            statement.setDouble(i++, state.siteKw());
            setDouble(statement, i++, state.miningKw());
            setDouble(statement, i++, state.dataCentreKw());
            statement.setDouble(i++, state.sheddableKw());
            statement.setDouble(i++, state.shedKw());
            statement.setDouble(i++, state.targetShedKw());
            statement.setDouble(i++, state.maxImportKw());
            statement.setInt(i++, state.miners().total());
            statement.setInt(i++, state.miners().hashing());
            statement.setInt(i++, state.miners().asleep());
            statement.setInt(i++, state.miners().unreachable());
            statement.setInt(i++, state.miners().other());
            setDouble(statement, i++, state.hashrateThs());
            setDouble(statement, i++, state.efficiencyJPerTh());
            if (state.scheduleRevision() == null) {
                statement.setNull(i++, Types.BIGINT);
            } else {
                statement.setLong(i++, state.scheduleRevision());
            }
            statement.setString(i++, state.source().name());
            statement.setDouble(i++, state.coverage());
            setInstant(statement, i++, state.receivedAt());
            statement.setString(i, state.siteId());
            if (statement.executeUpdate() == 1) {
                return Stored.STORED;
            }
        }
        return registered(connection, state.siteId()) ? Stored.NOT_NEWER : Stored.UNKNOWN_SITE;
    }

    public Optional<LiveState> find(Connection connection, String siteId) throws SQLException {
        return forSites(connection, List.of(siteId)).values().stream().findFirst();
    }

    public Map<String, LiveState> forSites(Connection connection, Collection<String> siteIds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM dispatch.site_live JOIN unnest(?::text[]) AS i(id) ON site_id = i.id")) {
            statement.setArray(1, texts(connection, siteIds));
            Map<String, LiveState> states = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    LiveState state = read(rs);
                    states.put(state.siteId(), state);
                }
            }
            return states;
        }
    }

    public Map<String, LiveState> all(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM dispatch.site_live"); ResultSet rs = statement.executeQuery()) {
            Map<String, LiveState> states = new HashMap<>();
            while (rs.next()) {
                LiveState state = read(rs);
                states.put(state.siteId(), state);
            }
            return states;
        }
    }

    private static boolean registered(Connection connection, String siteId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM dispatch.sites WHERE site_id = ? AND status <> 'REMOVED'")) {
            statement.setString(1, siteId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static LiveState read(ResultSet rs) throws SQLException {
        return new LiveState(rs.getString("site_id"), instant(rs, "interval_start"), instant(rs, "interval_end"),
                rs.getDouble("site_kw"), doubleOrNull(rs, "mining_kw"), doubleOrNull(rs, "datacentre_kw"),
                rs.getDouble("sheddable_kw"), rs.getDouble("shed_kw"), rs.getDouble("target_shed_kw"),
                rs.getDouble("max_import_kw"),
                new SiteTelemetry.MinerCounts(rs.getInt("miners_total"), rs.getInt("miners_hashing"),
                        rs.getInt("miners_asleep"), rs.getInt("miners_unreachable"), rs.getInt("miners_other")),
                doubleOrNull(rs, "hashrate_ths"), doubleOrNull(rs, "efficiency_j_per_th"),
                rs.getObject("schedule_revision") == null ? null : rs.getLong("schedule_revision"),
                SiteTelemetry.Source.valueOf(rs.getString("source")), rs.getDouble("coverage"),
                instant(rs, "received_at"));
    }

    private static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }
}
