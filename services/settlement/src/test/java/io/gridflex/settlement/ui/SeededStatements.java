package io.gridflex.settlement.ui;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Statements written straight into PostgreSQL for the pages to list: one a month back from June 2026, prepared by
 * {@code seed}, every tenth (from the tenth) reviewed by {@code rita}; nets spread over 0.25..100.25. The newest stays a draft and gets
 * the lines asked for (site-1, site-2, ..., net 10.5 per line number). The program's terms (version 1) must exist.
 */
final class SeededStatements {

    private SeededStatements() {
    }

    static void insert(DataSource dataSource, String program, int statements, int lines) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insertStatements = connection.prepareStatement("""
                        INSERT INTO settlement.statement (statement_id, program, period_start, period_end, version,
                               terms_version, status, currency, delivered_mwh, energy, capacity, non_performance, net,
                               owner, aggregator, inputs_hash, prepared_by, prepared_at, reviewed_by, reviewed_at)
                        SELECT gen_random_uuid(), ?, (DATE '2026-06-01' - g * interval '1 month')::date,
                               (DATE '2026-07-01' - g * interval '1 month')::date, 1, 1,
                               CASE WHEN g % 10 = 9 THEN 'REVIEWED' ELSE 'DRAFT' END, 'USD', g, 0, 0, 0,
                               (g * 37 % 101) + 0.25, 0, 0, repeat('a', 64), 'seed',
                               TIMESTAMPTZ '2026-07-01 15:00:00Z' + g * interval '1 hour',
                               CASE WHEN g % 10 = 9 THEN 'rita' END,
                               CASE WHEN g % 10 = 9 THEN TIMESTAMPTZ '2026-07-20 15:00:00Z' END
                          FROM generate_series(0, ? - 1) g
                        """);
                PreparedStatement insertLines = connection.prepareStatement("""
                        INSERT INTO settlement.statement_line (statement_id, event_id, site_id, status, method,
                               method_version, method_parameters, inputs_hash, committed_mw, owner_share, energy,
                               capacity, non_performance, net, owner, aggregator, detail)
                        SELECT (SELECT statement_id FROM settlement.statement WHERE program = ?
                                 ORDER BY period_start DESC LIMIT 1),
                               'vtn/e' || g, 'site-' || g, 'COMPLETE', 'METER_BEFORE_METER_AFTER', 1, '{}',
                               repeat('b', 64), 1, 0.5, 0, 0, 0, g * 10.5, 0, 0, '[]'
                          FROM generate_series(1, ?) g
                        """)) {
            insertStatements.setString(1, program);
            insertStatements.setInt(2, statements);
            insertStatements.executeUpdate();
            insertLines.setString(1, program);
            insertLines.setInt(2, lines);
            insertLines.executeUpdate();
        }
    }
}
