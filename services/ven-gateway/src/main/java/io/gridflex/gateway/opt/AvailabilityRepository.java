package io.gridflex.gateway.opt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.support.db.Sql;

/** The VEN's opt schedules ({@code gateway.availability_opt}). */
@ApplicationScoped
public class AvailabilityRepository {

    private static final String COLUMNS = """
            opt_id, program, resource_id, opt_reason, unavailable_since, detail, state, decided_at,
            available_again_at, attempts, ven_id, created_at, create_code, create_description, cancelled_at,
            cancel_code, cancel_description""";

    /** The program's schedules in force (OPEN or CLOSING), by resource. */
    public Map<String, AvailabilityOpt> inForce(Connection connection, String program) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM gateway.availability_opt WHERE program = ? AND state <> 'CLOSED'")) {
            select.setString(1, program);
            Map<String, AvailabilityOpt> byResource = new TreeMap<>();
            list(select).forEach(opt -> byResource.put(opt.resourceId(), opt));
            return byResource;
        }
    }

    /** Opens a schedule; false when the resource already has one in force. */
    public boolean open(Connection connection, String optId, String program, String resourceId,
            Availability.Verdict verdict, Instant since, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO gateway.availability_opt (opt_id, program, resource_id, opt_reason, unavailable_since,
                    detail, state, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, 'OPEN', ?)
                ON CONFLICT (program, resource_id) WHERE state <> 'CLOSED' DO NOTHING""")) {
            insert.setString(1, optId);
            insert.setString(2, program);
            insert.setString(3, resourceId);
            insert.setString(4, verdict.optReason());
            Sql.setInstant(insert, 5, since);
            insert.setString(6, verdict.detail());
            Sql.setInstant(insert, 7, now);
            return insert.executeUpdate() == 1;
        }
    }

    /** The resource can take part again: the schedule is to be withdrawn. */
    public void availableAgain(Connection connection, String optId, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE gateway.availability_opt SET state = 'CLOSING', available_again_at = ?
                WHERE opt_id = ? AND state = 'OPEN'""")) {
            Sql.setInstant(update, 1, at);
            update.setString(2, optId);
            update.executeUpdate();
        }
    }

    /** Schedules with something to send (an unsent create, or a withdrawal), locked, oldest first. */
    public List<AvailabilityOpt> lockUnsent(Connection connection, String program, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + """
                 FROM gateway.availability_opt
                WHERE program = ? AND ((state = 'OPEN' AND create_code IS NULL) OR state = 'CLOSING')
                ORDER BY decided_at, opt_id LIMIT ? FOR UPDATE SKIP LOCKED""")) {
            select.setString(1, program);
            select.setInt(2, limit);
            return list(select);
        }
    }

    /** Programs with schedules to send. */
    public List<String> programsWithUnsent(Connection connection) throws SQLException {
        return OptRows.programs(connection, "availability_opt",
                "(state = 'OPEN' AND create_code IS NULL) OR state = 'CLOSING'");
    }

    public void attempted(Connection connection, String optId, Instant at) throws SQLException {
        OptRows.attempted(connection, "availability_opt", optId, at);
    }

    /** The VTN answered the oadrCreateOpt. */
    public void created(Connection connection, String optId, String venId, int code, String description,
            Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE gateway.availability_opt SET attempts = attempts + 1, last_attempt_at = ?, ven_id = ?,
                    created_at = ?, create_code = ?, create_description = ?
                WHERE opt_id = ?""")) {
            Sql.setInstant(update, 1, at);
            update.setString(2, venId);
            Sql.setInstant(update, 3, at);
            update.setInt(4, code);
            update.setString(5, description);
            update.setString(6, optId);
            update.executeUpdate();
        }
    }

    /** Done: withdrawn (the VTN's answer kept), or nothing to withdraw (never sent, or refused). */
    public void closed(Connection connection, String optId, Integer code, String description, Instant at)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE gateway.availability_opt SET state = 'CLOSED', cancelled_at = ?, cancel_code = ?,
                    cancel_description = ?, attempts = attempts + CASE WHEN ? THEN 1 ELSE 0 END
                WHERE opt_id = ?""")) {
            Sql.setInstant(update, 1, code == null ? null : at);
            if (code == null) {
                update.setNull(2, java.sql.Types.INTEGER);
            } else {
                update.setInt(2, code);
            }
            update.setString(3, description);
            update.setBoolean(4, code != null);
            update.setString(5, optId);
            update.executeUpdate();
        }
    }

    /** A program's schedules, newest first. */
    public List<AvailabilityOpt> recent(Connection connection, String program, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM gateway.availability_opt WHERE program = ? ORDER BY decided_at DESC, opt_id LIMIT ?")) {
            select.setString(1, program);
            select.setInt(2, limit);
            return list(select);
        }
    }

    private static List<AvailabilityOpt> list(PreparedStatement select) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            List<AvailabilityOpt> opts = new ArrayList<>();
            while (rs.next()) {
                opts.add(new AvailabilityOpt(rs.getString("opt_id"), rs.getString("program"),
                        rs.getString("resource_id"), rs.getString("opt_reason"),
                        Sql.instant(rs, "unavailable_since"), rs.getString("detail"), rs.getString("state"),
                        Sql.instant(rs, "decided_at"), Sql.instant(rs, "available_again_at"), rs.getInt("attempts"),
                        rs.getString("ven_id"), Sql.instant(rs, "created_at"), integer(rs, "create_code"),
                        rs.getString("create_description"), Sql.instant(rs, "cancelled_at"),
                        integer(rs, "cancel_code"), rs.getString("cancel_description")));
            }
            return opts;
        }
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
