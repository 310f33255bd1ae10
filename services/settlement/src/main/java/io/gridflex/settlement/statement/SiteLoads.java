package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * by interval. A telemetry interval whose figures cover less of the site than the program's minimum (miners not
 * reporting) is left out, as if unmetered: its figures understate the site's draw, so counting it would pay for
 * load that was only unobserved; {@link Loads#flagged} says where that happened.
 */
@ApplicationScoped
public class SiteLoads {

    /**
     * Every metered interval in the window, each cut at the settlement-interval edges it crosses (only the rare one
     * that crosses an edge goes through {@code generate_series}), summed per site and settlement interval: the
     * energy and seconds of telemetry covering enough of the site ({@code ok}), and whether any did not. Parameters:
     * step, minimum site coverage, sites, to, from, step, step; then step, minimum site coverage, step, step, sites,
     * to, from, step, step.
     */
    private static final String BINNED = """
            SELECT site_id, bin, SUM(energy_kwh) FILTER (WHERE ok) AS energy_kwh,
                   SUM(seconds) FILTER (WHERE ok) AS seconds, bool_or(NOT ok) AS flagged
              FROM (SELECT site_id,
                           date_bin(make_interval(secs => ?), interval_start, TIMESTAMPTZ 'epoch') AS bin,
                           energy_kwh, EXTRACT(EPOCH FROM (interval_end - interval_start)) AS seconds,
                           (coverage IS NULL OR coverage >= ?) AS ok
                      FROM settlement.meter_interval
                     WHERE site_id = ANY (?) AND interval_start < ? AND interval_end > ?
                       AND interval_end <= date_bin(make_interval(secs => ?), interval_start, TIMESTAMPTZ 'epoch')
                                           + make_interval(secs => ?)
                    UNION ALL
                    SELECT site_id, bin, energy_kwh * part / length, part, ok
                      FROM (SELECT m.site_id, b.bin, m.energy_kwh,
                                   EXTRACT(EPOCH FROM (LEAST(m.interval_end, b.bin + make_interval(secs => ?))
                                                       - GREATEST(m.interval_start, b.bin))) AS part,
                                   EXTRACT(EPOCH FROM (m.interval_end - m.interval_start)) AS length,
                                   (m.coverage IS NULL OR m.coverage >= ?) AS ok
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
     * What {@link #read} gives.
     *
     * @param series each site's settlement intervals; a site without any has an empty series
     * @param flagged each site's settlement intervals in which telemetry was left out for covering less of the site
     *        than the minimum (except where revenue-meter data replaces it); sites without any are absent
     */
    public record Loads(Map<String, LoadSeries> series, Map<String, SortedSet<Instant>> flagged) {
    }

    /**
     * Each site's settlement intervals of length {@code step} overlapping {@code window}, those metered at least
     * {@code minimumCoverage} of their length by telemetry covering at least {@code minimumSiteCoverage} of the site
     * (or by revenue-meter data), and where telemetry was left out for covering less, from one pass over the rows.
     * The sites are read in {@link #PARTS} queries side by side on their own connections, so the database sums on as
     * many cores.
     */
    public Loads read(Collection<String> sites, TimeWindow window, Duration step, BigDecimal minimumCoverage,
            BigDecimal minimumSiteCoverage) {
        List<String> all = List.copyOf(sites);
        int parts = Math.min(PARTS, Math.max(1, all.size()));
        List<CompletableFuture<Loads>> futures = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            List<String> share = new ArrayList<>();
            for (int i = part; i < all.size(); i += parts) {
                share.add(all.get(i));
            }
            futures.add(CompletableFuture.supplyAsync(
                    () -> loadPart(share, window, step, minimumCoverage, minimumSiteCoverage),
                    Infrastructure.getDefaultWorkerPool()));
        }
        Map<String, LoadSeries> series = new HashMap<>();
        Map<String, SortedSet<Instant>> flagged = new HashMap<>();
        futures.forEach(future -> {
            Loads part = future.join();
            series.putAll(part.series());
            flagged.putAll(part.flagged());
        });
        return withRevenueData(new Loads(series, flagged), window, step, minimumCoverage);
    }

    /** {@link #read}'s series alone. */
    public Map<String, LoadSeries> load(Collection<String> sites, TimeWindow window, Duration step,
            BigDecimal minimumCoverage, BigDecimal minimumSiteCoverage) {
        return read(sites, window, step, minimumCoverage, minimumSiteCoverage).series();
    }

    /**
     * Revenue-meter data is the settlement-grade source: wherever it covers a settlement interval, it replaces what
     * telemetry says for that interval (and nothing of telemetry is left out there).
     */
    private Loads withRevenueData(Loads telemetry, TimeWindow window, Duration step, BigDecimal minimumCoverage) {
        Map<String, List<MeteredInterval>> revenue = this.revenue.metered(telemetry.series().keySet(), window);
        if (revenue.isEmpty()) {
            return telemetry;
        }
        Map<String, LoadSeries> merged = new HashMap<>(telemetry.series());
        Map<String, SortedSet<Instant>> flagged = new HashMap<>(telemetry.flagged());
        revenue.forEach((site, intervals) -> {
            TreeMap<Instant, BigDecimal> kw = new TreeMap<>(telemetry.series().get(site).kw());
            Map<Instant, BigDecimal> replaced = LoadSeries.fromMetered(step, intervals, minimumCoverage).kw();
            kw.putAll(replaced);
            merged.put(site, new LoadSeries(step, kw));
            SortedSet<Instant> siteFlags = flagged.get(site);
            if (siteFlags != null) {
                SortedSet<Instant> left = new TreeSet<>(siteFlags);
                left.removeAll(replaced.keySet());
                if (left.isEmpty()) {
                    flagged.remove(site);
                } else {
                    flagged.put(site, left);
                }
            }
        });
        return new Loads(merged, flagged);
    }

    private Loads loadPart(Collection<String> sites, TimeWindow window, Duration step, BigDecimal minimumCoverage,
            BigDecimal minimumSiteCoverage) {
        long seconds = step.toSeconds();
        BigDecimal stepSeconds = BigDecimal.valueOf(seconds);
        return transactions.read(connection -> {
            Map<String, TreeMap<Instant, BigDecimal>> kw = new HashMap<>();
            Map<String, SortedSet<Instant>> flagged = new HashMap<>();
            sites.forEach(site -> kw.put(site, new TreeMap<>()));
            try (PreparedStatement statement = connection.prepareStatement(BINNED)) {
                Array siteArray = connection.createArrayOf("varchar", sites.toArray());
                int i = 1;
                statement.setLong(i++, seconds);
                statement.setBigDecimal(i++, minimumSiteCoverage);
                i = bindRows(statement, i, siteArray, window, seconds);
                statement.setLong(i++, seconds);
                statement.setBigDecimal(i++, minimumSiteCoverage);
                statement.setLong(i++, seconds);
                statement.setLong(i++, seconds);
                bindRows(statement, i, siteArray, window, seconds);
                statement.setFetchSize(10_000);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String site = rows.getString("site_id");
                        Instant bin = Jdbc.getInstant(rows, "bin");
                        if (rows.getBoolean("flagged")) {
                            flagged.computeIfAbsent(site, s -> new TreeSet<>()).add(bin);
                        }
                        BigDecimal metered = rows.getBigDecimal("seconds");
                        if (metered != null && metered.signum() > 0
                                && metered.divide(stepSeconds, Decimals.CALCULATION).compareTo(minimumCoverage) >= 0) {
                            kw.get(site).put(bin, rows.getBigDecimal("energy_kwh").multiply(BigDecimal.valueOf(3600))
                                    .divide(metered, Decimals.CALCULATION));
                        }
                    }
                }
            }
            Map<String, LoadSeries> series = new HashMap<>();
            kw.forEach((site, values) -> series.put(site, new LoadSeries(step, values)));
            return new Loads(series, flagged);
        });
    }

    /** Binds the sites, the window and two step lengths of one branch of {@link #BINNED}; the next index. */
    private static int bindRows(PreparedStatement statement, int first, Array sites, TimeWindow window, long seconds)
            throws SQLException {
        int i = first;
        statement.setArray(i++, sites);
        Jdbc.setInstant(statement, i++, window.end());
        Jdbc.setInstant(statement, i++, window.start());
        statement.setLong(i++, seconds);
        statement.setLong(i++, seconds);
        return i;
    }
}
