package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.settlement.baseline.Decimals;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.db.Jdbc;
import io.gridflex.settlement.method.LoadSeries;
import io.gridflex.support.db.Transactions;

/**
 * A site's settlement intervals, summed in PostgreSQL from its metered intervals: each metered interval is cut at the
 * settlement-interval edges it crosses and its energy shared by time, exactly as {@link LoadSeries#fromMetered} does
 * in Java, so a month of one-minute readings never travels to the JVM.
 */
@ApplicationScoped
public class SiteLoads {

    private static final String BINNED = """
            SELECT bin, SUM(energy_kwh * part / length) AS energy_kwh, SUM(part) AS seconds
              FROM (SELECT b.bin, m.energy_kwh,
                           EXTRACT(EPOCH FROM (LEAST(m.interval_end, b.bin + make_interval(secs => ?))
                                               - GREATEST(m.interval_start, b.bin))) AS part,
                           EXTRACT(EPOCH FROM (m.interval_end - m.interval_start)) AS length
                      FROM settlement.meter_interval m
                     CROSS JOIN LATERAL generate_series(
                           date_bin(make_interval(secs => ?), m.interval_start, TIMESTAMPTZ '1970-01-01 00:00:00+00'),
                           m.interval_end - INTERVAL '1 microsecond', make_interval(secs => ?)) AS b(bin)
                     WHERE m.site_id = ? AND m.interval_start < ? AND m.interval_end > ?) parts
             GROUP BY bin
             ORDER BY bin
            """;

    private final Transactions transactions;

    public SiteLoads(Transactions transactions) {
        this.transactions = transactions;
    }

    /** The site's settlement intervals of length {@code step} overlapping {@code window}, each metered enough. */
    public LoadSeries load(String siteId, TimeWindow window, Duration step, BigDecimal minimumCoverage) {
        BigDecimal stepSeconds = BigDecimal.valueOf(step.toSeconds());
        return transactions.read(connection -> {
            TreeMap<Instant, BigDecimal> kw = new TreeMap<>();
            try (PreparedStatement statement = connection.prepareStatement(BINNED)) {
                statement.setLong(1, step.toSeconds());
                statement.setLong(2, step.toSeconds());
                statement.setLong(3, step.toSeconds());
                statement.setString(4, siteId);
                Jdbc.setInstant(statement, 5, window.end());
                Jdbc.setInstant(statement, 6, window.start());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        BigDecimal seconds = rows.getBigDecimal("seconds");
                        BigDecimal coverage = seconds.divide(stepSeconds, Decimals.CALCULATION);
                        if (seconds.signum() > 0 && coverage.compareTo(minimumCoverage) >= 0) {
                            kw.put(Jdbc.getInstant(rows, "bin"), rows.getBigDecimal("energy_kwh")
                                    .multiply(BigDecimal.valueOf(3600)).divide(seconds, Decimals.CALCULATION));
                        }
                    }
                }
            }
            return new LoadSeries(step, kw);
        });
    }
}
