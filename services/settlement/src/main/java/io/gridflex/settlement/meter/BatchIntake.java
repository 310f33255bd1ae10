package io.gridflex.settlement.meter;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.postgresql.PGConnection;

import io.gridflex.messages.SiteTelemetry;
import io.gridflex.support.db.Sql;

/**
 * Stores a batch of metered intervals in one transaction: the batch is streamed into a temporary table with
 * {@code COPY}, every interval overlapping a stored one of its site is found by one query, and the rest are inserted by
 * one {@code INSERT ... SELECT}. The outcome of each interval is the one {@link MeterIntervalRepository#store} would
 * give it offered alone, in batch order: stored, a duplicate (same span and figures) or a conflict (overlapping with
 * other figures); an interval overlapping an earlier one of the same batch is judged against that one. A conflict is
 * kept in {@code settlement.telemetry_conflict} (once, however often it is re-sent), with the interval it met.
 * <p>
 * Stored intervals are never longer than {@code maxLength} (intake refuses longer ones), so the search for an
 * overlapping stored interval looks back only that far from each new start, on the primary key's index.
 */
final class BatchIntake {

    private static final String CREATE_INCOMING = """
            CREATE TEMPORARY TABLE IF NOT EXISTS incoming_interval (
                seq INTEGER, site_id VARCHAR(256), interval_start TIMESTAMPTZ, interval_end TIMESTAMPTZ,
                average_kw NUMERIC(18, 6), energy_kwh NUMERIC(18, 6), schedule_revision BIGINT, source VARCHAR(8),
                coverage NUMERIC(7, 6)) ON COMMIT DELETE ROWS
            """;

    /**
     * The stored interval overlapping each incoming one, searched in one partition (named in place of {@code %s}).
     * Stored intervals of a site never overlap each other, so they end in the order they start: if any of them
     * overlaps an incoming interval, the last one starting before the incoming one ends does. One backward step on the
     * primary key per incoming interval finds it. Most batches only append, so first one backward step per site finds
     * where its stored data ends: a site whose data ends before its first incoming interval starts can have no
     * overlap, and its intervals are not probed one by one. (A lateral probe of the parent table would prune its
     * partitions again for every row.)
     */
    private static final String OVERLAPS = """
            WITH reached AS MATERIALIZED (
                 SELECT f.site_id
                   FROM (SELECT site_id, MIN(interval_start) AS first_start
                           FROM incoming_interval GROUP BY site_id) f
                  WHERE (SELECT m.interval_end FROM settlement.%1$s m WHERE m.site_id = f.site_id
                          ORDER BY m.interval_start DESC LIMIT 1) > f.first_start)
            SELECT i.seq, m.site_id, m.interval_start, m.interval_end, m.average_kw, m.energy_kwh,
                   m.schedule_revision, m.source, m.coverage
              FROM incoming_interval i
              JOIN reached r ON r.site_id = i.site_id
              JOIN LATERAL (SELECT * FROM settlement.%1$s m
                             WHERE m.site_id = i.site_id AND m.interval_start < i.interval_end
                               AND m.interval_start >= i.interval_start - make_interval(secs => ?)
                             ORDER BY m.interval_start DESC LIMIT 1) m ON m.interval_end > i.interval_start
            """;

    private static final String INSERT = """
            INSERT INTO settlement.meter_interval (site_id, interval_start, interval_end, average_kw, energy_kwh,
                                                   schedule_revision, source, coverage, received_at)
            SELECT site_id, interval_start, interval_end, average_kw, energy_kwh, schedule_revision, source, coverage, ?
              FROM incoming_interval WHERE NOT (seq = ANY (?))
            """;

    /**
     * What the stored intervals say of the sites' schedules (see settlement.site_schedule): a site that reported
     * holding revision r at an interval's end had not accepted any higher revision by then, and had accepted every
     * revision up to r. Reported with the intervals themselves, this holds even when the site's acknowledgements come
     * later, as after an offline spell.
     */
    private static final String HELD_LOWER = """
            UPDATE settlement.site_schedule h SET lower_held_until = b.held_until
              FROM (SELECT h2.site_id, h2.revision, MAX(i.held_until) AS held_until
                      FROM (SELECT site_id, schedule_revision, MAX(interval_end) AS held_until
                              FROM incoming_interval
                             WHERE schedule_revision IS NOT NULL AND NOT (seq = ANY (?))
                             GROUP BY site_id, schedule_revision) i
                      JOIN settlement.site_schedule h2
                        ON h2.site_id = i.site_id AND h2.revision > i.schedule_revision
                     WHERE i.held_until > h2.issued_at
                     GROUP BY h2.site_id, h2.revision) b
             WHERE h.site_id = b.site_id AND h.revision = b.revision
               AND (h.lower_held_until IS NULL OR h.lower_held_until < b.held_until)
            """;

    private static final String HELD = """
            UPDATE settlement.site_schedule h SET held = true
              FROM (SELECT site_id, MAX(schedule_revision) AS revision
                      FROM incoming_interval
                     WHERE schedule_revision IS NOT NULL AND NOT (seq = ANY (?))
                     GROUP BY site_id) i
             WHERE h.site_id = i.site_id AND h.revision <= i.revision AND NOT h.held
            """;

    private static final String CONFLICT = """
            INSERT INTO settlement.telemetry_conflict (site_id, interval_start, interval_end, average_kw, energy_kwh,
                                                       schedule_revision, source, coverage, stored_start, stored_end,
                                                       received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ON CONSTRAINT telemetry_conflict_once DO NOTHING
            """;

    private BatchIntake() {
    }

    static List<StoreOutcome> store(Connection connection, List<MeterInterval> intervals, Instant receivedAt,
            Duration maxLength) throws SQLException {
        StoreOutcome[] outcomes = new StoreOutcome[intervals.size()];
        List<Integer> candidates = withinBatch(intervals, outcomes);
        if (candidates.isEmpty()) {
            recordConflicts(connection, intervals, outcomes, receivedAt);
            return List.of(outcomes);
        }
        SiteLocks.lock(connection, candidates.stream().map(i -> intervals.get(i).siteId()).toList());
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_INCOMING);
        }
        copy(connection, intervals, candidates);
        Map<Integer, MeterInterval> existing = overlaps(connection,
                partitions(connection, intervals, candidates, maxLength), maxLength);
        List<Integer> refused = new ArrayList<>();
        for (int index : candidates) {
            MeterInterval found = existing.get(index);
            if (found == null) {
                outcomes[index] = StoreOutcome.stored();
            } else {
                refused.add(index);
                outcomes[index] = new StoreOutcome(found.sameFiguresAs(intervals.get(index))
                        ? StoreOutcome.Kind.DUPLICATE
                        : StoreOutcome.Kind.CONFLICT, found);
            }
        }
        Array skip = connection.createArrayOf("integer", refused.toArray());
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            Sql.setInstant(insert, 1, receivedAt);
            insert.setArray(2, skip);
            insert.executeUpdate();
        }
        for (String update : List.of(HELD_LOWER, HELD)) {
            try (PreparedStatement held = connection.prepareStatement(update)) {
                held.setArray(1, skip);
                held.executeUpdate();
            }
        }
        recordConflicts(connection, intervals, outcomes, receivedAt);
        return List.of(outcomes);
    }

    private static void recordConflicts(Connection connection, List<MeterInterval> intervals, StoreOutcome[] outcomes,
            Instant receivedAt) throws SQLException {
        if (Arrays.stream(outcomes).noneMatch(outcome -> outcome.kind() == StoreOutcome.Kind.CONFLICT)) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(CONFLICT)) {
            for (int i = 0; i < outcomes.length; i++) {
                if (outcomes[i].kind() != StoreOutcome.Kind.CONFLICT) {
                    continue;
                }
                MeterInterval offered = intervals.get(i);
                MeterInterval stored = outcomes[i].existing();
                insert.setString(1, offered.siteId());
                Sql.setInstant(insert, 2, offered.intervalStart());
                Sql.setInstant(insert, 3, offered.intervalEnd());
                insert.setBigDecimal(4, offered.averageKw());
                insert.setBigDecimal(5, offered.energyKwh());
                insert.setObject(6, offered.scheduleRevision(), Types.BIGINT);
                insert.setString(7, offered.source() == null ? null : offered.source().name());
                insert.setBigDecimal(8, offered.coverage());
                Sql.setInstant(insert, 9, stored.intervalStart());
                Sql.setInstant(insert, 10, stored.intervalEnd());
                Sql.setInstant(insert, 11, receivedAt);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Judges every interval against the earlier ones of the batch; returns the indexes left for the database, and
     * fills in the outcome of the others.
     */
    private static List<Integer> withinBatch(List<MeterInterval> intervals, StoreOutcome[] outcomes) {
        Map<String, NavigableMap<Instant, MeterInterval>> accepted = new HashMap<>();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < intervals.size(); i++) {
            MeterInterval interval = intervals.get(i);
            NavigableMap<Instant, MeterInterval> site = accepted.computeIfAbsent(interval.siteId(),
                    s -> new TreeMap<>());
            MeterInterval clash = clash(site, interval);
            if (clash == null) {
                site.put(interval.intervalStart(), interval);
                candidates.add(i);
            } else {
                outcomes[i] = new StoreOutcome(clash.sameFiguresAs(interval)
                        ? StoreOutcome.Kind.DUPLICATE
                        : StoreOutcome.Kind.CONFLICT, clash);
            }
        }
        return candidates;
    }

    private static MeterInterval clash(NavigableMap<Instant, MeterInterval> site, MeterInterval interval) {
        var before = site.floorEntry(interval.intervalStart());
        if (before != null && before.getValue().intervalEnd().isAfter(interval.intervalStart())) {
            return before.getValue();
        }
        var after = site.higherEntry(interval.intervalStart());
        if (after != null && after.getKey().isBefore(interval.intervalEnd())) {
            return after.getValue();
        }
        return null;
    }

    private static void copy(Connection connection, List<MeterInterval> intervals, List<Integer> candidates)
            throws SQLException {
        StringBuilder csv = new StringBuilder(candidates.size() * 160);
        for (int index : candidates) {
            MeterInterval interval = intervals.get(index);
            csv.append(index).append(',').append(quoted(interval.siteId())).append(',')
                    .append(interval.intervalStart()).append(',').append(interval.intervalEnd()).append(',')
                    .append(plain(interval.averageKw())).append(',').append(plain(interval.energyKwh())).append(',')
                    .append(interval.scheduleRevision() == null ? "" : interval.scheduleRevision()).append(',')
                    .append(interval.source() == null ? "" : interval.source().name()).append(',')
                    .append(plain(interval.coverage())).append('\n');
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY incoming_interval FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("copying a batch of intervals failed", e);
        }
    }

    /**
     * The partitions an overlapping interval of the batch could be in: those of the months from the earliest start
     * (less the longest interval) to the latest end that exist, and the default partition, where the intervals of
     * months without a partition of their own are.
     */
    private static List<String> partitions(Connection connection, List<MeterInterval> intervals,
            List<Integer> candidates, Duration maxLength) throws SQLException {
        Instant first = Instant.MAX;
        Instant last = Instant.MIN;
        for (int index : candidates) {
            MeterInterval interval = intervals.get(index);
            Instant earliest = interval.intervalStart().minus(maxLength);
            first = earliest.isBefore(first) ? earliest : first;
            last = interval.intervalEnd().isAfter(last) ? interval.intervalEnd() : last;
        }
        List<String> wanted = new ArrayList<>();
        YearMonth lastMonth = YearMonth.from(last.atOffset(ZoneOffset.UTC));
        for (YearMonth month = YearMonth.from(first.atOffset(ZoneOffset.UTC)); !month.isAfter(lastMonth); month = month
                .plusMonths(1)) {
            wanted.add(String.format(Locale.ROOT, "meter_interval_%04d_%02d", month.getYear(), month.getMonthValue()));
        }
        List<String> existing = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT relname FROM pg_class
                 WHERE relnamespace = 'settlement'::regnamespace AND relname = ANY (?) ORDER BY relname
                """)) {
            statement.setArray(1, connection.createArrayOf("text", wanted.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    existing.add(rows.getString(1));
                }
            }
        }
        existing.add("meter_interval_default");
        return existing;
    }

    private static Map<Integer, MeterInterval> overlaps(Connection connection, List<String> partitions,
            Duration maxLength) throws SQLException {
        Map<Integer, MeterInterval> found = new HashMap<>();
        for (String partition : partitions) {
            overlaps(connection, partition, maxLength, found);
        }
        return found;
    }

    private static void overlaps(Connection connection, String partition, Duration maxLength,
            Map<Integer, MeterInterval> found) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(OVERLAPS.formatted(partition))) {
            statement.setLong(1, maxLength.toSeconds());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String source = rows.getString("source");
                    found.putIfAbsent(rows.getInt("seq"), new MeterInterval(rows.getString("site_id"),
                            Sql.instant(rows, "interval_start"), Sql.instant(rows, "interval_end"),
                            rows.getBigDecimal("average_kw"), rows.getBigDecimal("energy_kwh"),
                            rows.getObject("schedule_revision", Long.class),
                            source == null ? null : SiteTelemetry.Source.valueOf(source),
                            rows.getBigDecimal("coverage")));
                }
            }
        }
    }

    private static String quoted(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
