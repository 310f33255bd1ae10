package io.gridflex.gateway.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.support.db.Sql;
import io.gridflex.support.db.Transactions;

/**
 * The sites' past energy in {@code gateway.site_energy}, one row per site and bucket ({@link EnergyBuckets}). Writing
 * is idempotent: an interval is counted into a row only when it starts at or after the end of the latest interval
 * the row already counts, so telemetry read twice (after a restart) or out of order is not counted twice.
 */
@ApplicationScoped
public class UsageHistory implements UsageWriter {

    private final Transactions transactions;
    private final EnergyBuckets buckets;

    public UsageHistory(Transactions transactions, GatewayConfig config) {
        this.transactions = transactions;
        this.buckets = new EnergyBuckets(config.reports().history().bucket());
    }

    public EnergyBuckets buckets() {
        return buckets;
    }

    /**
     * Counts these intervals, in one transaction; each site's in the order of their start. The batch runs row by row
     * (the gateway's JDBC URL does not rewrite batches into multi-row inserts, which could not touch one bucket twice):
     * consecutive intervals of a site often share a bucket.
     */
    @Override
    public void write(Collection<SiteInterval> intervals) {
        if (intervals.isEmpty()) {
            return;
        }
        List<SiteInterval> ordered = new ArrayList<>(intervals);
        ordered.sort(Comparator.comparing(SiteInterval::siteId).thenComparing(SiteInterval::start));
        transactions.inTransaction(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    """
                            INSERT INTO gateway.site_energy AS e (site_id, bucket_start, energy_kwh, covered_ms, counted_until)
                            VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT (site_id, bucket_start) DO UPDATE
                            SET energy_kwh = e.energy_kwh + EXCLUDED.energy_kwh, covered_ms = e.covered_ms + EXCLUDED.covered_ms,
                                counted_until = EXCLUDED.counted_until
                            WHERE e.counted_until <= ?""")) {
                for (SiteInterval interval : ordered) {
                    for (EnergyBuckets.Share share : buckets.split(interval.start(), interval.end(),
                            interval.energyKwh())) {
                        upsert.setString(1, interval.siteId());
                        Sql.setInstant(upsert, 2, share.bucketStart());
                        upsert.setDouble(3, share.energyKwh());
                        upsert.setLong(4, share.coveredMs());
                        Sql.setInstant(upsert, 5, interval.end());
                        Sql.setInstant(upsert, 6, interval.start());
                        upsert.addBatch();
                    }
                }
                upsert.executeBatch();
            }
            return null;
        });
    }

    /** The buckets of these sites starting in {@code [from, to)}, by site and time. */
    public List<StoredBucket> read(Collection<String> sites, Instant from, Instant to) {
        return transactions.read(connection -> read(connection, sites, from, to));
    }

    private static List<StoredBucket> read(Connection connection, Collection<String> sites, Instant from, Instant to)
            throws SQLException {
        List<StoredBucket> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT site_id, bucket_start, energy_kwh, covered_ms FROM gateway.site_energy
                WHERE site_id = ANY (?) AND bucket_start >= ? AND bucket_start < ?
                ORDER BY site_id, bucket_start""")) {
            select.setArray(1, Sql.texts(connection, sites));
            Sql.setInstant(select, 2, from);
            Sql.setInstant(select, 3, to);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(new StoredBucket(rs.getString("site_id"), Sql.instant(rs, "bucket_start"),
                            rs.getDouble("energy_kwh"), rs.getLong("covered_ms")));
                }
            }
        }
        return found;
    }

    @Override
    public int prune(Instant before) {
        return transactions.inTransaction(connection -> {
            try (PreparedStatement delete = connection
                    .prepareStatement("DELETE FROM gateway.site_energy WHERE bucket_start < ?")) {
                Sql.setInstant(delete, 1, before);
                return delete.executeUpdate();
            }
        });
    }
}
