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
 * load that was only unobserved; {@link #flagged} says where that happened.
 */
@ApplicationScoped
public class SiteLoads {

    /**
     * Parameters: step seconds, sites, to, from, minimum site coverage, step seconds ×2; then step seconds ×3, sites,
     * to, from, minimum site coverage, step seconds ×2 for the intervals that cross an edge.
     */
    private static final String BINNED = """
            SELECT site_id, bin, SUM(energy_kwh) AS energy_kwh, SUM(seconds) AS seconds
              FROM (SELECT site_id,
                           date_bin(make_interval(secs => ?), interval_start, TIMESTAMPTZ 'epoch') AS bin,
                           energy_kwh, EXTRACT(EPOCH FROM (interval_end - interval_start)) AS seconds
                      FROM settlement.meter_interval
                     WHERE site_id = ANY (?) AND interval_start < ? AND interval_end > ?
                       AND (coverage IS NULL OR coverage >= ?)
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
                               AND (m.coverage IS NULL OR m.coverage >= ?)
                               AND m.interval_end > date_bin(make_interval(secs => ?), m.interval_start,
                                                             TIMESTAMPTZ 'epoch') + make_interval(secs => ?)) cut
                   ) parts
             GROUP BY site_id, bin
            """;

    /** The settlement intervals of each site holding a telemetry interval left out for its low coverage. */
    private static final String FLAGGED = """
            SELECT DISTINCT site_id, date_bin(make_interval(secs => ?), interval_start, TIMESTAMPTZ 'epoch') AS bin
              FROM settlement.meter_interval
             WHERE site_id = ANY (?) AND interval_start < ? AND interval_end > ? AND coverage < ?
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
     * {@code minimumCoverage} of their length by telemetry covering at least {@code minimumSiteCoverage} of the site
     * (or by revenue-meter data); a site without any has an empty series. The sites are read in {@link #PARTS}
     * queries side by side on their own connections, so the database sums on as many cores.
     */
    public Map<String, LoadSeries> load(Collection<String> sites, TimeWindow window, Duration step,
            BigDecimal minimumCoverage, BigDecimal minimumSiteCoverage) {
        List<String> all = List.copyOf(sites);
        int parts = Math.min(PARTS, Math.max(1, all.size()));
        if (parts == 1) {
            return withRevenueData(loadPart(all, window, step, minimumCoverage, minimumSiteCoverage), window, step,
                    minimumCoverage);
        }
        List<CompletableFuture<Map<String, LoadSeries>>> futures = new ArrayList<>();
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
        futures.forEach(future -> series.putAll(future.join()));
        return withRevenueData(series, window, step, minimumCoverage);
    }

    /**
     * Each site's settlement intervals of length {@code step} overlapping {@code window} in which telemetry was left
     * out for covering less than {@code minimumSiteCoverage} of the site, except those revenue-meter data covers (it
     * replaces telemetry there). Sites without any are absent.
     */
    public Map<String, SortedSet<Instant>> flagged(Collection<String> sites, TimeWindow window, Duration step,
            BigDecimal minimumSiteCoverage) {
        Map<String, SortedSet<Instant>> flagged = transactions.read(connection -> {
            Map<String, SortedSet<Instant>> bins = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(FLAGGED)) {
                statement.setLong(1, step.toSeconds());
                statement.setArray(2, connection.createArrayOf("varchar", sites.toArray()));
                Jdbc.setInstant(statement, 3, window.end());
                Jdbc.setInstant(statement, 4, window.start());
                statement.setBigDecimal(5, minimumSiteCoverage);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        bins.computeIfAbsent(rows.getString("site_id"), site -> new TreeSet<>())
                                .add(Jdbc.getInstant(rows, "bin"));
                    }
                }
            }
            return bins;
        });
        if (!flagged.isEmpty()) {
            revenue.metered(flagged.keySet(), window).forEach((site, intervals) -> flagged.get(site)
                    .removeAll(LoadSeries.fromMetered(step, intervals, BigDecimal.ONE).kw().keySet()));
            flagged.values().removeIf(SortedSet::isEmpty);
        }
        return flagged;
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
            BigDecimal minimumCoverage, BigDecimal minimumSiteCoverage) {
        long seconds = step.toSeconds();
        BigDecimal stepSeconds = BigDecimal.valueOf(seconds);
        return transactions.read(connection -> {
            Map<String, TreeMap<Instant, BigDecimal>> kw = new HashMap<>();
            sites.forEach(site -> kw.put(site, new TreeMap<>()));
            try (PreparedStatement statement = connection.prepareStatement(BINNED)) {
                var siteArray = connection.createArrayOf("varchar", sites.toArray());
                int next = bind(statement, 1, 1, seconds, siteArray, window, minimumSiteCoverage);
                bind(statement, next, 3, seconds, siteArray, window, minimumSiteCoverage);
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

    /**
     * Binds one branch of {@link #BINNED} from {@code first}: {@code leadingSteps} step lengths, the sites, the window,
     * the minimum site coverage and two step lengths; returns the next parameter's index.
     */
    private static int bind(PreparedStatement statement, int first, int leadingSteps, long seconds,
            Array sites, TimeWindow window, BigDecimal minimumSiteCoverage) throws SQLException {
        int i = first;
        for (int n = 0; n < leadingSteps; n++) {
            statement.setLong(i++, seconds);
        }
        statement.setArray(i++, sites);
        Jdbc.setInstant(statement, i++, window.end());
        Jdbc.setInstant(statement, i++, window.start());
        statement.setBigDecimal(i++, minimumSiteCoverage);
        statement.setLong(i++, seconds);
        statement.setLong(i++, seconds);
        return i;
    }
}
