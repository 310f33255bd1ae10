package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.messages.MessageCodec;
import io.gridflex.support.db.Sql;

/**
 * Statements and their lines in {@code settlement.statement} and {@code settlement.statement_line}. The database
 * itself refuses an edit of an approved statement, any change of a line, and a review or approval by the preparer
 * (see the V4 migration); this class only inserts and moves a statement one step along its review.
 */
@ApplicationScoped
public class StatementRepository {

    private static final String COLUMNS = """
            statement_id, program, period_start, period_end, version, terms_version, status, reason, currency,
            delivered_mwh, energy, capacity, non_performance, net, owner, aggregator, inputs_hash, prepared_by,
            prepared_at, reviewed_by, reviewed_at, approved_by, approved_at, rejected_by, rejected_at, rejection_reason
            """;
    private static final String LINE_COLUMNS = """
            event_id, site_id, terms_version, status, problem, method, method_version, method_parameters, inputs_hash, committed_mw,
            delivered_mwh, committed_mwh, shortfall_mwh, factor, owner_share, energy, capacity, non_performance, net,
            owner, aggregator
            """;

    private final ObjectMapper json = MessageCodec.newObjectMapper();

    /** The next version of the program's statement for the period; takes a lock held until the transaction ends. */
    public int nextVersion(Connection connection, String program, LocalDate from, LocalDate to) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "settlement.statement/" + program + "/" + from + "/" + to);
            lock.execute();
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT COALESCE(MAX(version), 0) + 1 FROM settlement.statement
                 WHERE program = ? AND period_start = ? AND period_end = ?
                """)) {
            statement.setString(1, program);
            statement.setDate(2, Date.valueOf(from));
            statement.setDate(3, Date.valueOf(to));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    public void insert(Connection connection, Statement s, List<ComputedLine> lines) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO settlement.statement (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL)")) {
            int i = 1;
            statement.setObject(i++, s.statementId());
            statement.setString(i++, s.program());
            statement.setDate(i++, Date.valueOf(s.periodStart()));
            statement.setDate(i++, Date.valueOf(s.periodEnd()));
            statement.setInt(i++, s.version());
            statement.setInt(i++, s.termsVersion());
            statement.setString(i++, s.status().name());
            statement.setString(i++, s.reason());
            statement.setString(i++, s.currency());
            for (BigDecimal value : List.of(s.deliveredMwh(), s.energy(), s.capacity(), s.nonPerformance(), s.net(),
                    s.owner(), s.aggregator())) {
                statement.setBigDecimal(i++, value);
            }
            statement.setString(i++, s.inputsHash());
            statement.setString(i++, s.preparedBy());
            Sql.setInstant(statement, i, s.preparedAt());
            statement.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO settlement.statement_line "
                + "(statement_id, " + LINE_COLUMNS
                + ", detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, "
                + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))")) {
            for (ComputedLine computed : lines) {
                StatementLine line = StatementLine.of(computed);
                int i = 1;
                insert.setObject(i++, s.statementId());
                insert.setString(i++, line.eventId());
                insert.setString(i++, line.siteId());
                insert.setInt(i++, computed.termsVersion());
                insert.setString(i++, line.status());
                insert.setString(i++, line.problem());
                insert.setString(i++, line.method());
                insert.setInt(i++, line.methodVersion());
                insert.setString(i++, write(line.methodParameters()));
                insert.setString(i++, line.inputsHash());
                for (BigDecimal value : new BigDecimal[]{line.committedMw(), line.deliveredMwh(),
                        line.committedMwh(), line.shortfallMwh(), line.factor(), line.ownerShare(), line.energy(),
                        line.capacity(), line.nonPerformance(), line.net(), line.owner(), line.aggregator()}) {
                    insert.setBigDecimal(i++, value);
                }
                insert.setString(i, write(computed.episodes()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Moves a statement from {@code from} to {@code to}, recording who did it; false when it was not at {@code from}. */
    public boolean advance(Connection connection, UUID id, Statement.Status from, Statement.Status to, String actor,
            Instant at) throws SQLException {
        String who = to == Statement.Status.REVIEWED ? "reviewed" : "approved";
        try (PreparedStatement statement = connection.prepareStatement("UPDATE settlement.statement SET status = ?, "
                + who + "_by = ?, " + who + "_at = ? WHERE statement_id = ? AND status = ?")) {
            statement.setString(1, to.name());
            statement.setString(2, actor);
            Sql.setInstant(statement, 3, at);
            statement.setObject(4, id);
            statement.setString(5, from.name());
            return statement.executeUpdate() == 1;
        }
    }

    /** Rejects a draft or reviewed statement, recording who, when and why; false when it was neither. */
    public boolean reject(Connection connection, UUID id, String actor, Instant at, String reason)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE settlement.statement SET status = 'REJECTED', rejected_by = ?, rejected_at = ?,
                       rejection_reason = ?
                 WHERE statement_id = ? AND status IN ('DRAFT', 'REVIEWED')
                """)) {
            statement.setString(1, actor);
            Sql.setInstant(statement, 2, at);
            statement.setString(3, reason);
            statement.setObject(4, id);
            return statement.executeUpdate() == 1;
        }
    }

    public Optional<Statement> find(Connection connection, UUID id, boolean withLines) throws SQLException {
        try (PreparedStatement statement = connection
                .prepareStatement("SELECT " + COLUMNS + " FROM settlement.statement WHERE statement_id = ?")) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(read(rows, withLines ? lines(connection, id) : List.of()));
            }
        }
    }

    /** The program's statements (all when null), newest period and version first. */
    public List<Statement> list(Connection connection, String program, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM settlement.statement WHERE (?::text IS NULL OR program = ?)"
                + " ORDER BY period_start DESC, program, version DESC LIMIT ?")) {
            statement.setString(1, program);
            statement.setString(2, program);
            statement.setInt(3, limit);
            List<Statement> statements = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    statements.add(read(rows, List.of()));
                }
            }
            return statements;
        }
    }

    /** What the statements may be sorted by: a column's name and its SQL expression. */
    public static final Map<String, String> SORTABLE = Map.of("program", "program", "period", "period_start",
            "version", "version", "status", "status", "delivered", "delivered_mwh", "net", "net", "prepared",
            "prepared_at");

    /**
     * A page of the statements (without lines) of one program and status (each: all when null), in the order given
     * by {@code orderBy} (built from {@link #SORTABLE}).
     */
    public List<Statement> page(Connection connection, String program, Statement.Status status, String orderBy,
            int limit, long offset) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM settlement.statement WHERE (?::text IS NULL OR program = ?) AND (?::text IS NULL OR status = ?)"
                + orderBy + " LIMIT ? OFFSET ?")) {
            filter(statement, program, status);
            statement.setInt(5, limit);
            statement.setLong(6, offset);
            List<Statement> statements = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    statements.add(read(rows, List.of()));
                }
            }
            return statements;
        }
    }

    /** How many statements of one program and status there are (each: all when null). */
    public long count(Connection connection, String program, Statement.Status status) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM settlement.statement"
                + " WHERE (?::text IS NULL OR program = ?) AND (?::text IS NULL OR status = ?)")) {
            filter(statement, program, status);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The programs that have statements, in order. */
    public List<String> programs(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection
                .prepareStatement("SELECT DISTINCT program FROM settlement.statement ORDER BY program");
                ResultSet rows = statement.executeQuery()) {
            List<String> programs = new ArrayList<>();
            while (rows.next()) {
                programs.add(rows.getString(1));
            }
            return programs;
        }
    }

    private static void filter(PreparedStatement statement, String program, Statement.Status status)
            throws SQLException {
        String wanted = status == null ? null : status.name();
        statement.setString(1, program);
        statement.setString(2, program);
        statement.setString(3, wanted);
        statement.setString(4, wanted);
    }

    /** The stored detail (episodes, baselines, intervals) of one line. */
    public Optional<JsonNode> detail(Connection connection, UUID id, String eventId, String siteId)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT detail FROM settlement.statement_line WHERE statement_id = ? AND event_id = ? AND site_id = ?
                """)) {
            statement.setObject(1, id);
            statement.setString(2, eventId);
            statement.setString(3, siteId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(json.readTree(rows.getString(1))) : Optional.empty();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored line detail is not JSON", e);
            }
        }
    }

    private List<StatementLine> lines(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + LINE_COLUMNS
                + " FROM settlement.statement_line WHERE statement_id = ? ORDER BY event_id, site_id")) {
            statement.setObject(1, id);
            List<StatementLine> lines = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    lines.add(new StatementLine(rows.getString("event_id"), rows.getString("site_id"),
                            rows.getObject("terms_version", Integer.class), rows.getString("status"),
                            rows.getString("problem"), rows.getString("method"),
                            rows.getInt("method_version"), readMap(rows.getString("method_parameters")),
                            rows.getString("inputs_hash"), rows.getBigDecimal("committed_mw"),
                            rows.getBigDecimal("delivered_mwh"), rows.getBigDecimal("committed_mwh"),
                            rows.getBigDecimal("shortfall_mwh"), rows.getBigDecimal("factor"),
                            rows.getBigDecimal("owner_share"), rows.getBigDecimal("energy"),
                            rows.getBigDecimal("capacity"), rows.getBigDecimal("non_performance"),
                            rows.getBigDecimal("net"), rows.getBigDecimal("owner"), rows.getBigDecimal("aggregator")));
                }
            }
            return lines;
        }
    }

    private static Statement read(ResultSet rows, List<StatementLine> lines) throws SQLException {
        return new Statement(rows.getObject("statement_id", UUID.class), rows.getString("program"),
                rows.getDate("period_start").toLocalDate(), rows.getDate("period_end").toLocalDate(),
                rows.getInt("version"), rows.getInt("terms_version"),
                Statement.Status.valueOf(rows.getString("status")),
                rows.getString("reason"), rows.getString("currency"), rows.getBigDecimal("delivered_mwh"),
                rows.getBigDecimal("energy"), rows.getBigDecimal("capacity"), rows.getBigDecimal("non_performance"),
                rows.getBigDecimal("net"), rows.getBigDecimal("owner"), rows.getBigDecimal("aggregator"),
                rows.getString("inputs_hash"), rows.getString("prepared_by"), Sql.instant(rows, "prepared_at"),
                rows.getString("reviewed_by"), Sql.instant(rows, "reviewed_at"), rows.getString("approved_by"),
                Sql.instant(rows, "approved_at"), rejection(rows), lines);
    }

    private static Statement.Rejection rejection(ResultSet rows) throws SQLException {
        String by = rows.getString("rejected_by");
        return by == null
                ? null
                : new Statement.Rejection(by, Sql.instant(rows, "rejected_at"),
                        rows.getString("rejection_reason"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> readMap(String text) {
        try {
            return json.readValue(text, new TypeReference<TreeMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored method parameters are not JSON", e);
        }
    }
}
