package io.gridflex.gateway.opt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.gridflex.support.db.Sql;

/** What the two opt tables ({@code event_opt}, {@code availability_opt}) are asked alike. */
final class OptRows {

    private OptRows() {
    }

    /** The programs of the table's rows that match {@code where}. */
    static List<String> programs(Connection connection, String table, String where) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT program FROM gateway." + table + " WHERE " + where);
                ResultSet rs = select.executeQuery()) {
            List<String> programs = new ArrayList<>();
            while (rs.next()) {
                programs.add(rs.getString(1));
            }
            return programs;
        }
    }

    /** One more try that got no answer. */
    static void attempted(Connection connection, String table, String optId, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE gateway." + table
                + " SET attempts = attempts + 1, last_attempt_at = ? WHERE opt_id = ?")) {
            Sql.setInstant(update, 1, at);
            update.setString(2, optId);
            update.executeUpdate();
        }
    }
}
