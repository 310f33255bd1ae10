package io.gridflex.dispatch.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** Direct reads of the dispatch schema, to check what was (or was not) written. */
public final class DispatchDatabase {

    private static final List<String> TABLES = List.of("programs", "sites", "enrollments", "program_targets",
            "events", "event_revisions", "pieces", "schedule_heads", "schedule_outbox",
            "acks",
            "overrides", "audit_log", "status_outbox", "site_derates");

    private final DataSource dataSource;

    public DispatchDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A digest of every row of every table that records decisions (live telemetry and the timeline's wall-clock
     * entries aside): equal digests mean nothing was decided in between.
     */
    public String fingerprint() {
        StringBuilder digest = new StringBuilder();
        for (String table : TABLES) {
            digest.append(table).append('=').append(query("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, "
                    + "'|' ORDER BY t::text)), '') FROM dispatch." + table + " t").getFirst()).append(' ');
        }
        return digest.toString();
    }

    public long count(String sql, Object... parameters) {
        return Long.parseLong(query(sql, parameters).getFirst());
    }

    public List<String> query(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
