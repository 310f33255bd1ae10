package io.gridflex.dispatch.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** Direct reads of the dispatch schema, to check what was (or was not) written. */
public final class DispatchDatabase {

    private final DataSource dataSource;

    public DispatchDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Forgets every site, so the next allocation sees only the sites the test announces. */
    public void forgetSites() {
        execute("DELETE FROM dispatch.sites");
    }

    /** A digest of every row of every dispatch table: equal digests mean nothing was written in between. */
    public String fingerprint() {
        StringBuilder digest = new StringBuilder();
        for (String table : List.of("events", "sites", "commands", "acks")) {
            digest.append(table).append('=').append(query(
                    "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM dispatch."
                            + table + " t",
                    null).getFirst()).append(' ');
        }
        return digest.toString();
    }

    public long commandCount(String eventId) {
        return Long.parseLong(query("SELECT count(*) FROM dispatch.commands WHERE event_id = ?", eventId).getFirst());
    }

    public long unpublishedCount(String eventId) {
        return Long.parseLong(query(
                "SELECT count(*) FROM dispatch.commands WHERE event_id = ? AND published_at IS NULL", eventId)
                .getFirst());
    }

    public List<String> modificationNumber(String eventId) {
        return query("SELECT modification_number FROM dispatch.events WHERE event_id = ?", eventId);
    }

    private void execute(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> query(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
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
