package io.gridflex.settlement.revenue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.settlement.baseline.MeteredInterval;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.support.db.Sql;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.web.ApiException;

/** Revenue-meter intervals, version by version, in {@code settlement.revenue_interval}; imports in {@code revenue_import}. */
@ApplicationScoped
public class RevenueRepository {

    /** The current (highest) version of every interval of the given sites overlapping a window. */
    private static final String CURRENT = """
            SELECT DISTINCT ON (site_id, interval_start) site_id, interval_start, interval_end, energy_kwh, version
              FROM settlement.revenue_interval
             WHERE site_id = ANY (?) AND interval_start < ? AND interval_end > ?
             ORDER BY site_id, interval_start, version DESC
            """;

    private final Transactions transactions;

    public RevenueRepository(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Stores a file's intervals of a site: new ones as version 1, changed ones as the next version, the same ones not
     * at all. A row overlapping a held interval of another start is refused (400), and then nothing is stored.
     */
    public RevenueImport importFile(Connection connection, String siteId, RevenueFile file, String sha256,
            String actor, Instant at) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "settlement.revenue_interval/" + siteId);
            lock.execute();
        }
        UUID importId = UUID.randomUUID();
        int added = 0;
        int corrected = 0;
        int unchanged = 0;
        List<Object[]> inserts = new ArrayList<>();
        if (!file.rows().isEmpty()) {
            TimeWindow span = new TimeWindow(file.rows().getFirst().start(), file.rows().getLast().end());
            TreeMap<Instant, Held> held = current(connection, List.of(siteId), span).getOrDefault(siteId,
                    new TreeMap<>());
            for (RevenueFile.Row row : file.rows()) {
                Held same = held.get(row.start());
                if (same != null && same.end().equals(row.end())
                        && same.energyKwh().compareTo(row.energyKwh()) == 0) {
                    unchanged++;
                    continue;
                }
                Held clash = clash(held, row);
                if (clash != null && (same == null || clash != same)) {
                    throw ApiException.badRequest("invalid-file", "line " + row.line() + ": [" + row.start() + ", "
                            + row.end() + ") overlaps the held interval [" + clash.start() + ", " + clash.end()
                            + ") of another start");
                }
                int version = same == null ? 1 : same.version() + 1;
                if (same == null) {
                    added++;
                } else {
                    corrected++;
                }
                inserts.add(new Object[]{row.start(), version, row.end(), row.energyKwh()});
            }
        }
        RevenueImport result = new RevenueImport(importId, siteId, sha256, actor, at, file.rows().size(), added,
                corrected, unchanged);
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO settlement.revenue_import (import_id, site_id, file_sha256, imported_by, imported_at,
                    file_rows, added, corrected, unchanged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)) {
            statement.setObject(1, importId);
            statement.setString(2, siteId);
            statement.setString(3, sha256);
            statement.setString(4, actor);
            Sql.setInstant(statement, 5, at);
            statement.setInt(6, result.fileRows());
            statement.setInt(7, added);
            statement.setInt(8, corrected);
            statement.setInt(9, unchanged);
            statement.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO settlement.revenue_interval (site_id, interval_start, version, interval_end, energy_kwh,
                    import_id) VALUES (?, ?, ?, ?, ?, ?)
                """)) {
            for (Object[] row : inserts) {
                insert.setString(1, siteId);
                Sql.setInstant(insert, 2, (Instant) row[0]);
                insert.setInt(3, (Integer) row[1]);
                Sql.setInstant(insert, 4, (Instant) row[2]);
                insert.setBigDecimal(5, (BigDecimal) row[3]);
                insert.setObject(6, importId);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return result;
    }

    /** The sites' current revenue intervals overlapping {@code window}, as metered intervals, per site. */
    public Map<String, List<MeteredInterval>> metered(Collection<String> sites, TimeWindow window) {
        return transactions.read(connection -> {
            Map<String, List<MeteredInterval>> metered = new HashMap<>();
            current(connection, sites, window).forEach((site, held) -> metered.put(site, held.values().stream()
                    .map(h -> new MeteredInterval(h.start(), h.end(), h.energyKwh())).toList()));
            return metered;
        });
    }

    /** The site's imports, newest first. */
    public List<RevenueImport> imports(Connection connection, String siteId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT * FROM settlement.revenue_import WHERE site_id = ? ORDER BY imported_at DESC, import_id
                """)) {
            statement.setString(1, siteId);
            List<RevenueImport> imports = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    imports.add(new RevenueImport(rows.getObject("import_id", UUID.class), rows.getString("site_id"),
                            rows.getString("file_sha256"), rows.getString("imported_by"),
                            Sql.instant(rows, "imported_at"), rows.getInt("file_rows"), rows.getInt("added"),
                            rows.getInt("corrected"), rows.getInt("unchanged")));
                }
            }
            return imports;
        }
    }

    private record Held(Instant start, Instant end, BigDecimal energyKwh, int version) {
    }

    private static Map<String, TreeMap<Instant, Held>> current(Connection connection, Collection<String> sites,
            TimeWindow window) throws SQLException {
        Map<String, TreeMap<Instant, Held>> held = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(CURRENT)) {
            statement.setArray(1, connection.createArrayOf("varchar", sites.toArray()));
            Sql.setInstant(statement, 2, window.end());
            Sql.setInstant(statement, 3, window.start());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Held interval = new Held(Sql.instant(rows, "interval_start"),
                            Sql.instant(rows, "interval_end"), rows.getBigDecimal("energy_kwh"),
                            rows.getInt("version"));
                    held.computeIfAbsent(rows.getString("site_id"), s -> new TreeMap<>()).put(interval.start(),
                            interval);
                }
            }
        }
        return held;
    }

    /** A held interval overlapping {@code row}, if any. */
    private static Held clash(TreeMap<Instant, Held> held, RevenueFile.Row row) {
        var before = held.lowerEntry(row.end());
        while (before != null && before.getValue().end().isAfter(row.start())) {
            if (!before.getKey().equals(row.start())) {
                return before.getValue();
            }
            before = held.lowerEntry(before.getKey());
        }
        return held.get(row.start());
    }
}
