package io.gridflex.settlement.meter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.messages.SiteTelemetry;
import io.gridflex.support.db.Sql;
import io.gridflex.support.db.Transactions;

/** Metered intervals in {@code settlement.meter_interval}. */
@ApplicationScoped
public class MeterIntervalRepository {

    /** Intervals of a site overlapping [from, to), optionally only those starting after a cursor; LIMIT NULL is all. */
    private static final String OVERLAPPING = """
            SELECT site_id, interval_start, interval_end, average_kw, energy_kwh, schedule_revision, source, coverage
              FROM settlement.meter_interval
             WHERE site_id = ? AND interval_start < ? AND interval_end > ?
               AND (?::timestamptz IS NULL OR interval_start > ?)
             ORDER BY interval_start
             LIMIT ?
            """;

    private final Transactions transactions;

    public MeterIntervalRepository(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Stores a batch of intervals in one transaction, as {@link BatchIntake} says; the outcomes are in the batch's
     * order.
     *
     * @param maxLength the longest interval ever stored (intake refuses longer ones)
     */
    public List<StoreOutcome> storeAll(List<MeterInterval> intervals, Instant receivedAt, Duration maxLength) {
        if (intervals.isEmpty()) {
            return List.of();
        }
        return transactions.inTransaction(connection -> BatchIntake.store(connection, intervals, receivedAt,
                maxLength));
    }

    /** The site's intervals that overlap {@code [from, to)}, in time order. */
    public List<MeterInterval> overlapping(String siteId, Instant from, Instant to) {
        return transactions.read(connection -> overlapping(connection, siteId, from, to, null, null));
    }

    /**
     * One page of the site's intervals that overlap {@code [from, to)}, in time order: those starting after
     * {@code after} (all when null), at most {@code limit}. Keyed on the start, which is unique per site because
     * stored intervals never overlap, so pages neither skip nor repeat an interval while new ones arrive.
     */
    public List<MeterInterval> page(String siteId, Instant from, Instant to, Instant after, int limit) {
        return transactions.read(connection -> overlapping(connection, siteId, from, to, after, limit));
    }

    /** True when at least one interval of the site has ever been stored. */
    public boolean siteKnown(String siteId) {
        return transactions.read(connection -> {
            try (PreparedStatement statement = connection
                    .prepareStatement("SELECT 1 FROM settlement.meter_interval WHERE site_id = ? LIMIT 1")) {
                statement.setString(1, siteId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /**
     * @param after only intervals starting after it; null for all
     * @param limit at most this many; null for all
     */
    private static List<MeterInterval> overlapping(Connection connection, String siteId, Instant from, Instant to,
            Instant after, Integer limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(OVERLAPPING)) {
            statement.setString(1, siteId);
            Sql.setInstant(statement, 2, to);
            Sql.setInstant(statement, 3, from);
            Sql.setInstant(statement, 4, after);
            Sql.setInstant(statement, 5, after);
            statement.setObject(6, limit, Types.INTEGER);
            return read(statement);
        }
    }

    private static List<MeterInterval> read(PreparedStatement statement) throws SQLException {
        List<MeterInterval> intervals = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                intervals.add(new MeterInterval(
                        rows.getString("site_id"),
                        Sql.instant(rows, "interval_start"),
                        Sql.instant(rows, "interval_end"),
                        rows.getBigDecimal("average_kw"),
                        rows.getBigDecimal("energy_kwh"),
                        rows.getObject("schedule_revision", Long.class),
                        source(rows.getString("source")),
                        rows.getBigDecimal("coverage")));
            }
        }
        return intervals;
    }

    private static SiteTelemetry.Source source(String value) {
        return value == null ? null : SiteTelemetry.Source.valueOf(value);
    }
}
