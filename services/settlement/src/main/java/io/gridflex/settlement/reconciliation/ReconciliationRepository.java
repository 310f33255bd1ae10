package io.gridflex.settlement.reconciliation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.support.db.Sql;

/** Imported utility files' comparisons in {@code settlement.reconciliation} and its lines; insert-only. */
@ApplicationScoped
public class ReconciliationRepository {

    public void insert(Connection connection, Reconciliation reconciliation) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO settlement.reconciliation (reconciliation_id, statement_id, file_sha256, imported_by,
                    imported_at, utility_rows, differences) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)) {
            statement.setObject(1, reconciliation.reconciliationId());
            statement.setObject(2, reconciliation.statementId());
            statement.setString(3, reconciliation.fileSha256());
            statement.setString(4, reconciliation.importedBy());
            Sql.setInstant(statement, 5, reconciliation.importedAt());
            statement.setInt(6, reconciliation.utilityRows());
            statement.setInt(7, reconciliation.differences());
            statement.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO settlement.reconciliation_line (reconciliation_id, event_id, site_id, outcome,
                    our_delivered_mwh, utility_delivered_mwh, our_amount, utility_amount)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)) {
            for (ReconciliationLine line : reconciliation.lines()) {
                insert.setObject(1, reconciliation.reconciliationId());
                insert.setString(2, line.eventId());
                insert.setString(3, line.siteId());
                insert.setString(4, line.outcome().name());
                insert.setBigDecimal(5, line.ourDeliveredMwh());
                insert.setBigDecimal(6, line.utilityDeliveredMwh());
                insert.setBigDecimal(7, line.ourAmount());
                insert.setBigDecimal(8, line.utilityAmount());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The statement's reconciliations, newest first, without their lines. */
    public List<Reconciliation> list(Connection connection, UUID statementId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT * FROM settlement.reconciliation WHERE statement_id = ? ORDER BY imported_at DESC
                """)) {
            statement.setObject(1, statementId);
            List<Reconciliation> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(read(rows, List.of()));
                }
            }
            return found;
        }
    }

    public Optional<Reconciliation> find(Connection connection, UUID statementId, UUID id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT * FROM settlement.reconciliation WHERE statement_id = ? AND reconciliation_id = ?
                """)) {
            statement.setObject(1, statementId);
            statement.setObject(2, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows, lines(connection, id))) : Optional.empty();
            }
        }
    }

    private static List<ReconciliationLine> lines(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT * FROM settlement.reconciliation_line WHERE reconciliation_id = ?
                 ORDER BY outcome = 'MATCH', event_id, site_id
                """)) {
            statement.setObject(1, id);
            List<ReconciliationLine> lines = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    lines.add(ReconciliationLine.of(rows.getString("event_id"), rows.getString("site_id"),
                            ReconciliationLine.Outcome.valueOf(rows.getString("outcome")),
                            rows.getBigDecimal("our_delivered_mwh"), rows.getBigDecimal("utility_delivered_mwh"),
                            rows.getBigDecimal("our_amount"), rows.getBigDecimal("utility_amount")));
                }
            }
            return lines;
        }
    }

    private static Reconciliation read(ResultSet rows, List<ReconciliationLine> lines) throws SQLException {
        return new Reconciliation(rows.getObject("reconciliation_id", UUID.class),
                rows.getObject("statement_id", UUID.class), rows.getString("file_sha256"),
                rows.getString("imported_by"), Sql.instant(rows, "imported_at"), rows.getInt("utility_rows"),
                rows.getInt("differences"), lines);
    }
}
