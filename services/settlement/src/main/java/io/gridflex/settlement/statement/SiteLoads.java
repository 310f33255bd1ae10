package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.settlement.baseline.Decimals;
import io.gridflex.settlement.baseline.MeteredInterval;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.db.Jdbc;
import io.gridflex.settlement.method.LoadSeries;
import io.gridflex.settlement.revenue.RevenueRepository;
import io.gridflex.support.db.Transactions;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Sites' settlement intervals, summed in PostgreSQL from their metered intervals, for many sites in one query: each
 * metered interval is cut at the settlement-interval edges it crosses and its energy shared by time, exactly as
 * {@link LoadSeries#fromMetered} does in Java, so a month of one-minute readings never travels to the JVM. The common
 * case, an interval inside one settlement interval, is grouped directly; only the rare interval that crosses an edge
 * is cut (by {@code generate_series}). Revenue-meter data, where a site has it, takes the place of telemetry interval
 * by interval.
 */
@ApplicationScoped
public class SiteLoads {

    /** Parameters: step seconds ×2, sites, to, from; then the same again for the intervals that cross an edge. */
    private static final String BINNED = """
            SELECT site_id, bin, SUM(energy_kwh) AS energy_kwh, SUM(seconds) AS seconds
              FROM (SELECT site_id,
                           date_bin(make_interval(secs => ?), interval_start, TIMESTAMPTZ 'epoch') AS bin,
                           energy_kwh, EXTRACT(EPOCH FROM (interval_end - interval_start)) AS seconds
                      FROM settlement.meter_interval
                     WHERE site_id = ANY (?) AND interval_start < ? AND interval_end > ?
                       AND interval_end <= date_bin(make_interval(secs => ?), interval_start, TIMESTAMPTZ 'epoch')
                                           + make_interval(secs => ?)
                    UNION ALL
                    SELECT site_id, bin, energy_kwh * part / length, part
                      FROM (SELECT m.site_id, b.bin, m.energy_kwh,
                                   EXTRACT(EPOCH FROM (LEAST(m.interval_end, b.bin + make_interval(secs => ?))
                                                       - GREATEST(m.interval_start, b.bin))) AS part,
                                   EXTRACT(EPOCH FROM (m.interval_end - m.interval_start)) AS length
                              FROM settlement.meter_interval m
                             CROSS JOIN LATERAL generate_series(
                                   date_bin(make_interval(secs => ?), m.interval_start, TIMESTAMPTZ 'epoch'),
                                   m.interval_end - INTERVAL '1 microsecond', make_interval(secs => ?)) AS b(bin)
                             WHERE m.site_id = ANY (?) AND m.interval_start < ? AND m.interval_end > ?
                               AND m.interval_end > date_bin(make_interval(secs => ?), m.interval_start,
                                                             TIMESTAMPTZ 'epoch') + make_interval(secs => ?)) cut
                   ) parts
             GROUP BY site_id, bin
            """;

    /** How many queries share the sites. */
    static final int PARTS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final Transactions transactions;
    private final RevenueRepository revenue;

    public SiteLoads(Transactions transactions, RevenueRepository revenue) {
        this.transactions = transactions;
        this.revenue = revenue;
    }

    /**
     * Each site's settlement intervals of length {@code step} overlapping {@code window}, those metered at least
     * {@code minimumCoverage} of their length; a site without any has an empty series. The sites are read in
     * {@link #PARTS} queries side by side on their own connections, so the database sums on as many cores.
     */
    public Map<String, LoadSeries> load(Collection<String> sites, TimeWindow window, Duration step,
            BigDecimal minimumCoverage) {
        List<String> all = List.copyOf(sites);
        int parts = Math.min(PARTS, Math.max(1, all.size()));
        if (parts == 1) {
            return withRevenueData(loadPart(all, window, step, minimumCoverage), window, step, minimumCoverage);
        }
        List<CompletableFuture<Map<String, LoadSeries>>> futures = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            List<String> share = new ArrayList<>();
            for (int i = part; i < all.size(); i += parts) {
                share.add(all.get(i));
            }
            futures.add(CompletableFuture.supplyAsync(() -> loadPart(share, window, step, minimumCoverage),
                    Infrastructure.getDefaultWorkerPool()));
        }
        Map<String, LoadSeries> series = new HashMap<>();
        futures.forEach(future -> series.putAll(future.join()));
        return withRevenueData(series, window, step, minimumCoverage);
    }

    /**
     * Revenue-meter data is the settlement-grade source: wherever it covers a settlement interval, it replaces what
     * telemetry says for that interval.
     */
    private Map<String, LoadSeries> withRevenueData(Map<String, LoadSeries> telemetry, TimeWindow window,
            Duration step, BigDecimal minimumCoverage) {
        Map<String, List<MeteredInterval>> revenue = this.revenue.metered(telemetry.keySet(), window);
        if (revenue.isEmpty()) {
            return telemetry;
        }
        Map<String, LoadSeries> merged = new HashMap<>(telemetry);
        revenue.forEach((site, intervals) -> {
            TreeMap<Instant, BigDecimal> kw = new TreeMap<>(telemetry.get(site).kw());
            kw.putAll(LoadSeries.fromMetered(step, intervals, minimumCoverage).kw());
            merged.put(site, new LoadSeries(step, kw));
        });
        return merged;
    }

    private Map<String, LoadSeries> loadPart(Collection<String> sites, TimeWindow window, Duration step,
            BigDecimal minimumCoverage) {
        long seconds = step.toSeconds();
        BigDecimal stepSeconds = BigDecimal.valueOf(seconds);
        return transactions.read(connection -> {
            Map<String, TreeMap<Instant, BigDecimal>> kw = new HashMap<>();
            sites.forEach(site -> kw.put(site, new TreeMap<>()));
            try (PreparedStatement statement = connection.prepareStatement(BINNED)) {
                var siteArray = connection.createArrayOf("varchar", sites.toArray());
                statement.setLong(1, seconds);
                statement.setArray(2, siteArray);
                Jdbc.setInstant(statement, 3, window.end());
                Jdbc.setInstant(statement, 4, window.start());
                statement.setLong(5, seconds);
                statement.setLong(6, seconds);
                statement.setLong(7, seconds);
                statement.setLong(8, seconds);
                statement.setLong(9, seconds);
                statement.setArray(10, siteArray);
                Jdbc.setInstant(statement, 11, window.end());
                Jdbc.setInstant(statement, 12, window.start());
                statement.setLong(13, seconds);
                statement.setLong(14, seconds);
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
