package io.gridflex.settlement.event;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrInterval;
import io.gridflex.settlement.messaging.WireValues;
import io.gridflex.support.db.Sql;
import io.gridflex.support.db.Transactions;

/** DR events in {@code settlement.dr_event} and their signal intervals. */
@ApplicationScoped
public class EventRepository {

    private static final String COLUMNS = """
            event_id, vtn_id, vtn_event_id, modification_number, program, market_context, status, start_at, end_at,
            signal, currency, target_resource_ids, target_group_ids, start_after_seconds, priority, test_event,
            received_at
            """;

    /**
     * Equal modification numbers are applied too: a VTN moves an event from FAR to ACTIVE to COMPLETED without
     * bumping the number, and those status changes must not be lost. Only strictly older versions are ignored.
     */
    private static final String UPSERT = """
            INSERT INTO settlement.dr_event AS e
                (event_id, vtn_id, vtn_event_id, modification_number, program, market_context, status, start_at,
                 end_at, signal, currency, target_resource_ids, target_group_ids, start_after_seconds, priority,
                 test_event, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (event_id) DO UPDATE SET
                vtn_id = EXCLUDED.vtn_id, vtn_event_id = EXCLUDED.vtn_event_id,
                modification_number = EXCLUDED.modification_number, program = EXCLUDED.program,
                market_context = EXCLUDED.market_context, status = EXCLUDED.status, start_at = EXCLUDED.start_at,
                end_at = EXCLUDED.end_at, signal = EXCLUDED.signal, currency = EXCLUDED.currency,
                target_resource_ids = EXCLUDED.target_resource_ids, target_group_ids = EXCLUDED.target_group_ids,
                start_after_seconds = EXCLUDED.start_after_seconds, priority = EXCLUDED.priority,
                test_event = EXCLUDED.test_event, received_at = EXCLUDED.received_at
            WHERE e.modification_number <= EXCLUDED.modification_number
            """;

    private final Transactions transactions;

    public EventRepository(Transactions transactions) {
        this.transactions = transactions;
    }

    /** Stores {@code event} unless a newer version is held; returns false when it was older and ignored. */
    public boolean storeIfNotOlder(DrEvent event) {
        return transactions.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
                statement.setString(1, event.eventId());
                statement.setString(2, event.vtnId());
                statement.setString(3, event.vtnEventId());
                statement.setLong(4, event.modificationNumber());
                statement.setString(5, event.program());
                statement.setString(6, event.marketContext());
                statement.setString(7, event.status().name());
                Sql.setInstant(statement, 8, WireValues.instant(event.start()));
                Sql.setInstant(statement, 9, WireValues.instant(event.end()));
                statement.setString(10, event.signal().name());
                statement.setString(11, event.currency());
                statement.setArray(12, connection.createArrayOf("varchar",
                        event.targets().resourceIds().toArray()));
                statement.setArray(13, connection.createArrayOf("varchar", event.targets().groupIds().toArray()));
                statement.setLong(14, event.startAfterSeconds());
                statement.setInt(15, event.priority());
                statement.setBoolean(16, event.testEvent());
                Sql.setInstant(statement, 17, WireValues.instant(event.receivedAt()));
                if (statement.executeUpdate() == 0) {
                    return false;
                }
            }
            replaceIntervals(connection, event);
            return true;
        });
    }

    public Optional<SettlementEvent> find(String eventId) {
        return transactions.read(connection -> {
            try (PreparedStatement statement = connection
                    .prepareStatement("SELECT " + COLUMNS + " FROM settlement.dr_event WHERE event_id = ?")) {
                statement.setString(1, eventId);
                List<SettlementEvent> events = read(connection, statement);
                return events.stream().findFirst();
            }
        });
    }

    /** The newest {@code limit} events by start time, newest first. */
    public List<SettlementEvent> latest(int limit) {
        return transactions.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM settlement.dr_event ORDER BY start_at DESC, event_id LIMIT ?")) {
                statement.setInt(1, limit);
                return read(connection, statement);
            }
        });
    }

    /**
     * A page of events, newest start first, of one program or all: those after {@code after} (the start and id of
     * the last event of the previous page) when given. One index scan whatever the number of events.
     */
    public List<SettlementEvent> page(String program, Instant afterStart, String afterEventId, int limit) {
        return transactions.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM settlement.dr_event WHERE (CAST(? AS varchar) IS NULL OR program = ?)"
                    + " AND (CAST(? AS timestamptz) IS NULL OR (start_at, event_id) < (?, ?))"
                    + " ORDER BY start_at DESC, event_id DESC LIMIT ?")) {
                statement.setString(1, program);
                statement.setString(2, program);
                Sql.setInstant(statement, 3, afterStart);
                Sql.setInstant(statement, 4, afterStart);
                statement.setString(5, afterEventId == null ? "" : afterEventId);
                statement.setInt(6, limit);
                return read(connection, statement);
            }
        });
    }

    /** The program's events (not test events) that start in {@code [from, to)}, in start order. */
    public List<SettlementEvent> forProgram(String program, Instant from, Instant to) {
        return transactions.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM settlement.dr_event WHERE program = ? AND start_at >= ? AND start_at < ?"
                    + " AND NOT test_event ORDER BY start_at, event_id")) {
                statement.setString(1, program);
                Sql.setInstant(statement, 2, from);
                Sql.setInstant(statement, 3, to);
                return read(connection, statement);
            }
        });
    }

    private static void replaceIntervals(Connection connection, DrEvent event) throws SQLException {
        try (PreparedStatement delete = connection
                .prepareStatement("DELETE FROM settlement.dr_event_interval WHERE event_id = ?")) {
            delete.setString(1, event.eventId());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO settlement.dr_event_interval (event_id, seq, start_at, end_at, value)
                VALUES (?, ?, ?, ?, ?)
                """)) {
            int seq = 0;
            for (DrInterval interval : event.intervals()) {
                insert.setString(1, event.eventId());
                insert.setInt(2, seq++);
                Sql.setInstant(insert, 3, WireValues.instant(interval.start()));
                Sql.setInstant(insert, 4, WireValues.instant(interval.end()));
                // Exact as sent: the codec reads JSON numbers as BigDecimal, and the column has no scale to round to.
                insert.setBigDecimal(5, interval.value());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static List<SettlementEvent> read(Connection connection, PreparedStatement statement)
            throws SQLException {
        Map<String, SettlementEvent> events = new LinkedHashMap<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String eventId = rows.getString("event_id");
                events.put(eventId, new SettlementEvent(
                        eventId,
                        rows.getString("vtn_id"),
                        rows.getString("vtn_event_id"),
                        rows.getLong("modification_number"),
                        rows.getString("program"),
                        rows.getString("market_context"),
                        DrEvent.EventStatus.valueOf(rows.getString("status")),
                        Sql.instant(rows, "start_at"),
                        Sql.instant(rows, "end_at"),
                        DrEvent.Signal.valueOf(rows.getString("signal")),
                        rows.getString("currency"),
                        new DrEvent.Targets(strings(rows.getArray("target_resource_ids")),
                                strings(rows.getArray("target_group_ids"))),
                        rows.getLong("start_after_seconds"),
                        rows.getInt("priority"),
                        rows.getBoolean("test_event"),
                        Sql.instant(rows, "received_at"),
                        List.of()));
            }
        }
        if (events.isEmpty()) {
            return List.of();
        }
        Map<String, List<SignalInterval>> intervals = intervals(connection, List.copyOf(events.keySet()));
        List<SettlementEvent> result = new ArrayList<>();
        for (SettlementEvent event : events.values()) {
            result.add(event.withIntervals(intervals.getOrDefault(event.eventId(), List.of())));
        }
        return result;
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String.class::cast).toList();
    }

    private static Map<String, List<SignalInterval>> intervals(Connection connection, List<String> eventIds)
            throws SQLException {
        Map<String, List<SignalInterval>> intervals = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT event_id, start_at, end_at, value FROM settlement.dr_event_interval
                 WHERE event_id = ANY (?) ORDER BY event_id, seq
                """)) {
            statement.setArray(1, connection.createArrayOf("varchar", eventIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    intervals.computeIfAbsent(rows.getString("event_id"), id -> new ArrayList<>())
                            .add(new SignalInterval(Sql.instant(rows, "start_at"),
                                    Sql.instant(rows, "end_at"), rows.getBigDecimal("value")));
                }
            }
        }
        return intervals;
    }
}
