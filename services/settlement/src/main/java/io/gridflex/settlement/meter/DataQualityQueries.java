package io.gridflex.settlement.meter;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.settlement.api.TimeRange;
import io.gridflex.support.db.Sql;
import io.gridflex.support.db.Transactions;

/** The queries behind {@link DataQuality}, each a single pass over the site's rows in the range. */
@ApplicationScoped
public class DataQualityQueries {

    /**
     * Spans without a metered interval: before the first, between each interval and the next, after the last (the
     * range's own ends when nothing was metered). Stored intervals of a site never overlap, so each gap lies between
     * an interval's end and the next one's start. Parameters: site, to, from, from, from, to, from, to, limit.
     */
    private static final String GAPS = """
            WITH m AS (SELECT interval_start, interval_end FROM settlement.meter_interval
                        WHERE site_id = ? AND interval_start < ? AND interval_end > ?),
                 g AS (SELECT COALESCE(LAG(interval_end) OVER (ORDER BY interval_start), ?::timestamptz) AS gap_start,
                              interval_start AS gap_end
                         FROM m
                       UNION ALL
                       SELECT COALESCE((SELECT MAX(interval_end) FROM m), ?::timestamptz), ?::timestamptz),
                 c AS (SELECT GREATEST(gap_start, ?::timestamptz) AS gap_start, LEAST(gap_end, ?::timestamptz) AS gap_end
                         FROM g)
            SELECT gap_start, gap_end, COUNT(*) OVER () AS total,
                   SUM(EXTRACT(EPOCH FROM gap_end - gap_start)) OVER () AS seconds
              FROM c WHERE gap_end > gap_start ORDER BY gap_start LIMIT ?
            """;

    private static final String LOW_COVERAGE = """
            SELECT interval_start, interval_end, source, coverage, COUNT(*) OVER () AS total
              FROM settlement.meter_interval
             WHERE site_id = ? AND interval_start < ? AND interval_end > ? AND coverage < ?
             ORDER BY interval_start LIMIT ?
            """;

    private static final String CONFLICTS = """
            SELECT interval_start, interval_end, average_kw, energy_kwh, source, coverage, stored_start, stored_end,
                   received_at, COUNT(*) OVER () AS total
              FROM settlement.telemetry_conflict
             WHERE site_id = ? AND interval_start < ? AND interval_end > ?
             ORDER BY interval_start, received_at LIMIT ?
            """;

    private final Transactions transactions;

    public DataQualityQueries(Transactions transactions) {
        this.transactions = transactions;
    }

    public DataQuality quality(String siteId, TimeRange range, BigDecimal minimumSiteCoverage, int limit) {
        return transactions.read(connection -> new DataQuality(siteId, range.from(), range.to(), minimumSiteCoverage,
                gaps(connection, siteId, range, limit), lowCoverage(connection, siteId, range, minimumSiteCoverage,
                        limit),
                conflicts(connection, siteId, range, limit)));
    }

    private static DataQuality.Gaps gaps(Connection connection, String siteId, TimeRange range, int limit)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(GAPS)) {
            statement.setString(1, siteId);
            Sql.setInstant(statement, 2, range.to());
            Sql.setInstant(statement, 3, range.from());
            Sql.setInstant(statement, 4, range.from());
            Sql.setInstant(statement, 5, range.from());
            Sql.setInstant(statement, 6, range.to());
            Sql.setInstant(statement, 7, range.from());
            Sql.setInstant(statement, 8, range.to());
            statement.setInt(9, limit);
            List<DataQuality.Span> spans = new ArrayList<>();
            int count = 0;
            long seconds = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    spans.add(new DataQuality.Span(Sql.instant(rows, "gap_start"),
                            Sql.instant(rows, "gap_end")));
                    count = rows.getInt("total");
                    seconds = rows.getBigDecimal("seconds").longValue();
                }
            }
            return new DataQuality.Gaps(count, seconds, spans);
        }
    }

    private static DataQuality.Findings<DataQuality.LowCoverage> lowCoverage(Connection connection, String siteId,
            TimeRange range, BigDecimal minimum, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LOW_COVERAGE)) {
            statement.setString(1, siteId);
            Sql.setInstant(statement, 2, range.to());
            Sql.setInstant(statement, 3, range.from());
            statement.setBigDecimal(4, minimum);
            statement.setInt(5, limit);
            List<DataQuality.LowCoverage> found = new ArrayList<>();
            int count = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(new DataQuality.LowCoverage(Sql.instant(rows, "interval_start"),
                            Sql.instant(rows, "interval_end"), rows.getString("source"),
                            rows.getBigDecimal("coverage")));
                    count = rows.getInt("total");
                }
            }
            return new DataQuality.Findings<>(count, found);
        }
    }

    private static DataQuality.Findings<DataQuality.Conflict> conflicts(Connection connection, String siteId,
            TimeRange range, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CONFLICTS)) {
            statement.setString(1, siteId);
            Sql.setInstant(statement, 2, range.to());
            Sql.setInstant(statement, 3, range.from());
            statement.setInt(4, limit);
            List<DataQuality.Conflict> found = new ArrayList<>();
            int count = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(new DataQuality.Conflict(Sql.instant(rows, "interval_start"),
                            Sql.instant(rows, "interval_end"), rows.getBigDecimal("average_kw"),
                            rows.getBigDecimal("energy_kwh"), rows.getString("source"),
                            rows.getBigDecimal("coverage"), Sql.instant(rows, "stored_start"),
                            Sql.instant(rows, "stored_end"), Sql.instant(rows, "received_at")));
                    count = rows.getInt("total");
                }
            }
            return new DataQuality.Findings<>(count, found);
        }
    }
}
