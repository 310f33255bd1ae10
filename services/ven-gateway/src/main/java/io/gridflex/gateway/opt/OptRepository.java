package io.gridflex.gateway.opt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.MessageCodec;
import io.gridflex.support.db.Sql;

/** The VEN's opts ({@code gateway.event_opt}) and the event facts they are decided on ({@code gateway.dr_event}). */
@ApplicationScoped
public class OptRepository {

    private final MessageCodec codec;

    public OptRepository(MessageCodec codec) {
        this.codec = codec;
    }

    /** The event as the VEN holds it, locked against a revision being stored at the same time. */
    public Optional<EventStanding> standing(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT event_id, program, vtn_event_id, modification_number, status, opt_type, last_published
                FROM gateway.dr_event WHERE event_id = ? FOR UPDATE""")) {
            select.setString(1, eventId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String published = rs.getString("last_published");
                DrEvent last = published == null ? null : codec.decodeOwn(DrEvent.class, published);
                String status = rs.getString("status");
                return Optional.of(new EventStanding(rs.getString("event_id"), rs.getString("program"),
                        rs.getString("vtn_event_id"), rs.getLong("modification_number"), rs.getString("opt_type"),
                        "COMPLETED".equalsIgnoreCase(status) || "CANCELLED".equalsIgnoreCase(status),
                        last != null && last.testEvent(),
                        last == null ? List.of() : last.targets().resourceIds()));
            }
        }
    }

    /** The scope of an opt-out of the whole event (the resources it names, else the VEN). */
    public static final String WHOLE = "";

    /**
     * Records a decision; false when this program, event, modification and scope already has one, and for one
     * resource also when the whole event revision is already opted out.
     *
     * @param scope {@link #WHOLE}, or the one resource opted out
     */
    public boolean add(Connection connection, PendingOpt opt, String scope) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO gateway.event_opt (opt_id, program, event_id, vtn_event_id, modification_number,
                    opt_type, opt_reason, resource_ids, requested_kw, shortfall_kw, detail, decided_at, opt_scope)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                WHERE ? = '' OR NOT EXISTS (SELECT 1 FROM gateway.event_opt w WHERE w.program = ?
                    AND w.event_id = ? AND w.modification_number = ? AND w.opt_scope = '')
                ON CONFLICT (program, event_id, modification_number, opt_scope) DO NOTHING""")) {
            insert.setString(1, opt.optId());
            insert.setString(2, opt.program());
            insert.setString(3, opt.eventId());
            insert.setString(4, opt.vtnEventId());
            insert.setLong(5, opt.modificationNumber());
            insert.setString(6, opt.optType());
            insert.setString(7, opt.optReason());
            insert.setArray(8, connection.createArrayOf("text", opt.resourceIds().toArray()));
            insert.setBigDecimal(9, opt.requestedKw());
            insert.setBigDecimal(10, opt.shortfallKw());
            insert.setString(11, opt.detail());
            Sql.setInstant(insert, 12, opt.decidedAt());
            insert.setString(13, scope);
            insert.setString(14, scope);
            insert.setString(15, opt.program());
            insert.setString(16, opt.eventId());
            insert.setLong(17, opt.modificationNumber());
            return insert.executeUpdate() == 1;
        }
    }

    /** The program's opts the VTN has not answered yet, oldest first, locked so no other instance sends them too. */
    public List<PendingOpt> lockUnanswered(Connection connection, String program, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + """
                 FROM gateway.event_opt WHERE program = ? AND answered_at IS NULL
                ORDER BY decided_at, opt_id LIMIT ? FOR UPDATE SKIP LOCKED""")) {
            select.setString(1, program);
            select.setInt(2, limit);
            return list(select);
        }
    }

    /** Programs with opts still to send. */
    public List<String> programsWithUnanswered(Connection connection) throws SQLException {
        return OptRows.programs(connection, "event_opt", "answered_at IS NULL");
    }

    public void attempted(Connection connection, String optId, Instant at) throws SQLException {
        OptRows.attempted(connection, "event_opt", optId, at);
    }

    public void answered(Connection connection, String optId, String venId, int code, String description,
            Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE gateway.event_opt SET attempts = attempts + 1, last_attempt_at = ?, ven_id = ?,
                    answered_at = ?, response_code = ?, response_description = ?
                WHERE opt_id = ? AND answered_at IS NULL""")) {
            Sql.setInstant(update, 1, at);
            update.setString(2, venId);
            Sql.setInstant(update, 3, at);
            update.setInt(4, code);
            update.setString(5, description);
            update.setString(6, optId);
            update.executeUpdate();
        }
    }

    /** A program's opts, newest first. */
    public List<PendingOpt> recent(Connection connection, String program, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM gateway.event_opt WHERE program = ? ORDER BY decided_at DESC, opt_id LIMIT ?")) {
            select.setString(1, program);
            select.setInt(2, limit);
            return list(select);
        }
    }

    private static final String COLUMNS = """
            opt_id, program, event_id, vtn_event_id, modification_number, opt_type, opt_reason, resource_ids,
            requested_kw, shortfall_kw, detail, decided_at, attempts, ven_id, answered_at, response_code,
            response_description""";

    private static List<PendingOpt> list(PreparedStatement select) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            List<PendingOpt> opts = new ArrayList<>();
            while (rs.next()) {
                Integer code = rs.getObject("response_code") == null ? null : rs.getInt("response_code");
                opts.add(new PendingOpt(rs.getString("opt_id"), rs.getString("program"), rs.getString("event_id"),
                        rs.getString("vtn_event_id"), rs.getLong("modification_number"), rs.getString("opt_type"),
                        rs.getString("opt_reason"),
                        Arrays.asList((String[]) rs.getArray("resource_ids").getArray()),
                        rs.getBigDecimal("requested_kw"), rs.getBigDecimal("shortfall_kw"), rs.getString("detail"),
                        Sql.instant(rs, "decided_at"), rs.getInt("attempts"), rs.getString("ven_id"),
                        Sql.instant(rs, "answered_at"), code, rs.getString("response_description")));
            }
            return opts;
        }
    }
}
