package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.settlement.baseline.Decimals;
import io.gridflex.settlement.baseline.MeteredInterval;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.method.LoadSeries;
import io.gridflex.settlement.revenue.RevenueRepository;
import io.gridflex.support.db.Sql;
import io.gridflex.support.db.Transactions;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Sites' settlement intervals inside the windows a statement reads ({@link ReadWindows}), summed in PostgreSQL from
 * their metered intervals, for many sites in one query: each metered interval is cut at the settlement-interval edges it crosses and its energy shared by time, exactly as
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
     * Per window (site, from, to: whole settlement intervals, sorted, apart), the metered intervals starting in it and
     * the one before it that may run into it (a single backward step on the key: stored intervals of a site never
     * overlap and last at most a day), each spread over the settlement intervals it touches (only the rare one that
     * crosses an edge is cut, its energy shared by time) and summed per settlement interval inside the window: the
     * energy and seconds of telemetry covering enough of the site ({@code ok}), and whether any did not. Each window
     * is summed on its own, so the sums never need more memory than one window's intervals. Parameters: sites, froms,
     * tos, step, minimum site coverage.
     */
    private static final String BINNED = """
            WITH w AS (SELECT * FROM unnest(CAST(? AS varchar[]), CAST(CAST(? AS varchar[]) AS timestamptz[]),
                                            CAST(CAST(? AS varchar[]) AS timestamptz[])) AS w(site_id, from_at, to_at)),
                 p AS (SELECT make_interval(secs => ?) AS step, CAST(? AS numeric) AS minimum)
            SELECT w.site_id, g.bin, g.energy_kwh, g.seconds, g.flagged
              FROM w CROSS JOIN p CROSS JOIN LATERAL (
                   SELECT bin,
                          SUM(CASE WHEN whole THEN energy_kwh
                                   ELSE energy_kwh * EXTRACT(EPOCH FROM part) / EXTRACT(EPOCH FROM length) END)
                              FILTER (WHERE ok) AS energy_kwh,
                          EXTRACT(EPOCH FROM SUM(part) FILTER (WHERE ok)) AS seconds, bool_or(NOT ok) AS flagged
                     FROM (SELECT bin, energy_kwh, ok, length,
                                  LEAST(interval_end, bin + p.step) - GREATEST(interval_start, bin) AS part,
                                  interval_start >= bin AND interval_end <= bin + p.step AS whole
                             FROM (SELECT interval_start, interval_end, energy_kwh,
                                          interval_end - interval_start AS length,
                                          (coverage IS NULL OR coverage >= p.minimum) AS ok,
                                          generate_series(date_bin(p.step, interval_start, TIMESTAMPTZ 'epoch'),
                                                          interval_end - INTERVAL '1 microsecond', p.step) AS bin
                                     FROM (SELECT interval_start, interval_end, energy_kwh, coverage
                                             FROM settlement.meter_interval m
                                            WHERE m.site_id = w.site_id AND m.interval_start >= w.from_at
                                              AND m.interval_start < w.to_at
                                           UNION ALL
                                           (SELECT interval_start, interval_end, energy_kwh, coverage
                                              FROM settlement.meter_interval m
                                             WHERE m.site_id = w.site_id AND m.interval_start < w.from_at
                                               AND m.interval_start >= w.from_at - INTERVAL '1 day'
                                             ORDER BY m.interval_start DESC LIMIT 1)) m
                                    WHERE m.interval_end > w.from_at) spread
                          ) parts
                    WHERE bin >= w.from_at AND bin < w.to_at
                    GROUP BY bin) g
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
     * Each site's settlement intervals of length {@code step} overlapping {@code window} (widened to whole settlement
     * intervals): {@link #read(Map, Duration, BigDecimal, BigDecimal)} with that one window for every site.
     */
    public Loads read(Collection<String> sites, TimeWindow window, Duration step, BigDecimal minimumCoverage,
            BigDecimal minimumSiteCoverage) {
        List<TimeWindow> whole = List.of(new TimeWindow(LoadSeries.alignedStart(window.start(), step),
                ReadWindows.alignedEnd(window.end(), step)));
        Map<String, List<TimeWindow>> windows = new LinkedHashMap<>();
        sites.forEach(site -> windows.put(site, whole));
        return read(windows, step, minimumCoverage, minimumSiteCoverage);
    }

    /**
     * Each site's settlement intervals of length {@code step} inside its windows (whole settlement intervals, sorted,
     * apart), those metered at least {@code minimumCoverage} of their length by telemetry covering at least
     * {@code minimumSiteCoverage} of the site (or by revenue-meter data), and where telemetry was left out for
     * covering less, from one pass over the rows of the windows. The sites are read in {@link #PARTS} queries side by
     * side on their own connections, so the database sums on as many cores.
     */
    public Loads read(Map<String, List<TimeWindow>> windows, Duration step, BigDecimal minimumCoverage,
            BigDecimal minimumSiteCoverage) {
        List<String> all = List.copyOf(windows.keySet());
        int parts = Math.min(PARTS, Math.max(1, all.size()));
        List<CompletableFuture<Loads>> futures = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            Map<String, List<TimeWindow>> share = new LinkedHashMap<>();
            for (int i = part; i < all.size(); i += parts) {
                share.put(all.get(i), windows.get(all.get(i)));
            }
            futures.add(CompletableFuture.supplyAsync(
                    () -> loadPart(share, step, minimumCoverage, minimumSiteCoverage),
                    Infrastructure.getDefaultWorkerPool()));
        }
        Map<String, LoadSeries> series = new HashMap<>();
        Map<String, SortedSet<Instant>> flagged = new HashMap<>();
        futures.forEach(future -> {
            Loads part = future.join();
            series.putAll(part.series());
            flagged.putAll(part.flagged());
        });
        return withRevenueData(new Loads(series, flagged), windows, step, minimumCoverage);
    }

    /** {@link #read}'s series alone. */
    public Map<String, LoadSeries> load(Collection<String> sites, TimeWindow window, Duration step,
            BigDecimal minimumCoverage, BigDecimal minimumSiteCoverage) {
        return read(sites, window, step, minimumCoverage, minimumSiteCoverage).series();
    }

    /**
     * Revenue-meter data is the settlement-grade source: wherever it covers a settlement interval of a site's windows,
     * it replaces what telemetry says for that interval (and nothing of telemetry is left out there).
     */
    private Loads withRevenueData(Loads telemetry, Map<String, List<TimeWindow>> windows, Duration step,
            BigDecimal minimumCoverage) {
        Optional<TimeWindow> span = windows.values().stream().filter(list -> !list.isEmpty())
                .map(list -> new TimeWindow(list.getFirst().start(), list.getLast().end()))
                .reduce((a, b) -> new TimeWindow(a.start().isBefore(b.start()) ? a.start() : b.start(),
                        a.end().isAfter(b.end()) ? a.end() : b.end()));
        if (span.isEmpty()) {
            return telemetry;
        }
        Map<String, List<MeteredInterval>> revenue = this.revenue.metered(telemetry.series().keySet(), span.get());
        if (revenue.isEmpty()) {
            return telemetry;
        }
        Map<String, LoadSeries> merged = new HashMap<>(telemetry.series());
        Map<String, SortedSet<Instant>> flagged = new HashMap<>(telemetry.flagged());
        revenue.forEach((site, intervals) -> {
            TreeMap<Instant, BigDecimal> kw = new TreeMap<>(telemetry.series().get(site).kw());
            Map<Instant, BigDecimal> replaced = new TreeMap<>();
            LoadSeries.fromMetered(step, intervals, minimumCoverage).kw().forEach((bin, value) -> {
                if (inside(windows.get(site), bin)) {
                    replaced.put(bin, value);
                }
            });
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

    private static boolean inside(List<TimeWindow> windows, Instant bin) {
        for (TimeWindow window : windows) {
            if (!bin.isBefore(window.start()) && bin.isBefore(window.end())) {
                return true;
            }
        }
        return false;
    }

    private Loads loadPart(Map<String, List<TimeWindow>> windows, Duration step, BigDecimal minimumCoverage,
            BigDecimal minimumSiteCoverage) {
        long seconds = step.toSeconds();
        BigDecimal stepSeconds = BigDecimal.valueOf(seconds);
        List<String> sites = new ArrayList<>();
        List<String> froms = new ArrayList<>();
        List<String> tos = new ArrayList<>();
        windows.forEach((site, list) -> list.forEach(window -> {
            sites.add(site);
            froms.add(window.start().toString());
            tos.add(window.end().toString());
        }));
        return transactions.read(connection -> {
            Map<String, TreeMap<Instant, BigDecimal>> kw = new HashMap<>();
            Map<String, SortedSet<Instant>> flagged = new HashMap<>();
            windows.keySet().forEach(site -> kw.put(site, new TreeMap<>()));
            try (Statement settings = connection.createStatement()) {
                // Compiling this query costs more than it saves (~0.5 s measured with JIT on); the sums are simple.
                settings.execute("SET LOCAL jit = off");
            }
            try (PreparedStatement statement = connection.prepareStatement(BINNED)) {
                statement.setArray(1, connection.createArrayOf("varchar", sites.toArray()));
                statement.setArray(2, connection.createArrayOf("varchar", froms.toArray()));
                statement.setArray(3, connection.createArrayOf("varchar", tos.toArray()));
                statement.setLong(4, seconds);
                statement.setBigDecimal(5, minimumSiteCoverage);
                statement.setFetchSize(10_000);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String site = rows.getString("site_id");
                        Instant bin = Sql.instant(rows, "bin");
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
}
