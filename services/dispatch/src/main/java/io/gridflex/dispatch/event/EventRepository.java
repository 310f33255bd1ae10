package io.gridflex.dispatch.event;

import static io.gridflex.dispatch.db.Sql.instant;
import static io.gridflex.dispatch.db.Sql.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.allocation.Allocation;
import io.gridflex.dispatch.allocation.DeciKw;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrEvent.EventStatus;

/** Events and the revision of each that dispatch processed last. */
@ApplicationScoped
public class EventRepository {

    private static final String SUMMARY_COLUMNS = """
            event_id, vtn_id, vtn_event_id, modification_number, status, test_event, starts_at, ends_at, outcome,
            requested_kw, allocated_kw, shortfall_kw, first_received_at, updated_at
            """;

    /**
     * The processed modification number of an event, locking its row until the caller's transaction ends so the
     * revision check and the write that follows cannot interleave with another consumer's.
     */
    public OptionalLong lockRevision(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT modification_number FROM dispatch.events WHERE event_id = ? FOR UPDATE")) {
            statement.setString(1, eventId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * Records a new revision. The WHERE clause keeps a lower or equal revision from overwriting a higher one should two
     * writers race on a first insert.
     *
     * @return false when a revision at least as high was already stored
     */
    public boolean saveRevision(Connection connection, DrEvent event, String payload, EventOutcome outcome,
            Allocation allocation, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO dispatch.events (event_id, vtn_id, vtn_event_id, modification_number, status, test_event,
                    starts_at, ends_at, outcome, requested_kw, allocated_kw, shortfall_kw, payload, first_received_at,
                    updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (event_id) DO UPDATE SET
                    vtn_id = EXCLUDED.vtn_id,
                    vtn_event_id = EXCLUDED.vtn_event_id,
                    modification_number = EXCLUDED.modification_number,
                    status = EXCLUDED.status,
                    test_event = EXCLUDED.test_event,
                    starts_at = EXCLUDED.starts_at,
                    ends_at = EXCLUDED.ends_at,
                    outcome = EXCLUDED.outcome,
                    requested_kw = EXCLUDED.requested_kw,
                    allocated_kw = EXCLUDED.allocated_kw,
                    shortfall_kw = EXCLUDED.shortfall_kw,
                    payload = EXCLUDED.payload,
                    updated_at = EXCLUDED.updated_at
                WHERE dispatch.events.modification_number < EXCLUDED.modification_number
                """)) {
            statement.setString(1, event.eventId());
            statement.setString(2, event.vtnId());
            statement.setString(3, event.vtnEventId());
            statement.setLong(4, event.modificationNumber());
            statement.setString(5, event.status().name());
            statement.setBoolean(6, event.testEvent());
            setInstant(statement, 7, event.start());
            setInstant(statement, 8, event.end());
            statement.setString(9, outcome.name());
            statement.setBigDecimal(10, DeciKw.toDecimal(allocation.requestedDeciKw()));
            statement.setBigDecimal(11, DeciKw.toDecimal(allocation.allocatedDeciKw()));
            statement.setBigDecimal(12, DeciKw.toDecimal(allocation.shortfallDeciKw()));
            statement.setString(13, payload);
            setInstant(statement, 14, now);
            setInstant(statement, 15, now);
            return statement.executeUpdate() == 1;
        }
    }

    public List<EventSummary> recent(Connection connection, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + SUMMARY_COLUMNS + " FROM dispatch.events ORDER BY updated_at DESC, event_id LIMIT ?")) {
            statement.setInt(1, limit);
            List<EventSummary> events = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    events.add(summary(rs));
                }
            }
            return events;
        }
    }

    public Optional<EventSummary> find(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + SUMMARY_COLUMNS + " FROM dispatch.events WHERE event_id = ?")) {
            statement.setString(1, eventId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(summary(rs)) : Optional.empty();
            }
        }
    }

    private static EventSummary summary(ResultSet rs) throws SQLException {
        return new EventSummary(rs.getString("event_id"), rs.getString("vtn_id"), rs.getString("vtn_event_id"),
                rs.getLong("modification_number"), EventStatus.valueOf(rs.getString("status")),
                rs.getBoolean("test_event"), instant(rs, "starts_at"), instant(rs, "ends_at"),
                EventOutcome.valueOf(rs.getString("outcome")), rs.getBigDecimal("requested_kw"),
                rs.getBigDecimal("allocated_kw"), rs.getBigDecimal("shortfall_kw"), instant(rs, "first_received_at"),
                instant(rs, "updated_at"));
    }
}
