package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.settlement.baseline.Decimals;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.db.Jdbc;
import io.gridflex.settlement.method.LoadSeries;
import io.gridflex.support.db.Transactions;

/**
 * Sites' settlement intervals, summed in PostgreSQL from their metered intervals, for many sites in one query: each
 * metered interval is cut at the settlement-interval edges it crosses and its energy shared by time, exactly as
 * {@link LoadSeries#fromMetered} does in Java, so a month of one-minute readings never travels to the JVM. The common
 * case, an interval inside one settlement interval, is grouped directly; only the rare interval that crosses an edge
 * is cut (by {@code generate_series}).
 */
@ApplicationScoped
public class SiteLoads {

    private static final String BINNED = """
            WITH m AS (
                SELECT site_id, interval_start, interval_end, energy_kwh,
                       date_bin(make_interval(secs => ?), interval_start, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bin
                  FROM settlement.meter_interval
                 WHERE site_id = ANY (?) AND interval_start < ? AND interval_end > ?)
            SELECT site_id, bin, SUM(energy_kwh) AS energy_kwh, SUM(seconds) AS seconds
              FROM (SELECT site_id, bin, energy_kwh, EXTRACT(EPOCH FROM (interval_end - interval_start)) AS seconds
                      FROM m WHERE interval_end <= bin + make_interval(secs => ?)
                    UNION ALL
                    SELECT site_id, b.bin, energy_kwh * part / length, part
                      FROM (SELECT m.site_id, b.bin, m.energy_kwh,
                                   EXTRACT(EPOCH FROM (LEAST(m.interval_end, b.bin + make_interval(secs => ?))
                                                       - GREATEST(m.interval_start, b.bin))) AS part,
                                   EXTRACT(EPOCH FROM (m.interval_end - m.interval_start)) AS length
                              FROM m CROSS JOIN LATERAL generate_series(m.bin, m.interval_end - INTERVAL '1 microsecond',
                                   make_interval(secs => ?)) AS b(bin)
                             WHERE m.interval_end > m.bin + make_interval(secs => ?)) b) parts
             GROUP BY site_id, bin
            """;

    private final Transactions transactions;

    public SiteLoads(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Each site's settlement intervals of length {@code step} overlapping {@code window}, those metered at least
     * {@code minimumCoverage} of their length; a site without any has an empty series.
     */
    public Map<String, LoadSeries> load(Collection<String> sites, TimeWindow window, Duration step,
            BigDecimal minimumCoverage) {
        long seconds = step.toSeconds();
        BigDecimal stepSeconds = BigDecimal.valueOf(seconds);
        return transactions.read(connection -> {
            Map<String, TreeMap<Instant, BigDecimal>> kw = new HashMap<>();
            sites.forEach(site -> kw.put(site, new TreeMap<>()));
            try (PreparedStatement statement = connection.prepareStatement(BINNED)) {
                statement.setLong(1, seconds);
                statement.setArray(2, connection.createArrayOf("varchar", sites.toArray()));
                Jdbc.setInstant(statement, 3, window.end());
                Jdbc.setInstant(statement, 4, window.start());
                for (int i = 5; i <= 8; i++) {
                    statement.setLong(i, seconds);
                }
                statement.setFetchSize(10_000);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        BigDecimal metered = rows.getBigDecimal("seconds");
                        BigDecimal coverage = metered.divide(stepSeconds, Decimals.CALCULATION);
                        if (metered.signum() > 0 && coverage.compareTo(minimumCoverage) >= 0) {
                            kw.get(rows.getString("site_id")).put(Jdbc.getInstant(rows, "bin"),
                                    rows.getBigDecimal("energy_kwh").multiply(BigDecimal.valueOf(3600))
                                            .divide(metered, Decimals.CALCULATION));
                        }
                    }
                }
            }
            Map<String, LoadSeries> series = new HashMap<>();
            kw.forEach((site, values) -> series.put(site, new LoadSeries(step, values)));
            return series;
        });
    }
}
