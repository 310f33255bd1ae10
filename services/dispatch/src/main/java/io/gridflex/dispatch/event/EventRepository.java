package io.gridflex.dispatch.event;

import static io.gridflex.support.db.Sql.instant;
import static io.gridflex.support.db.Sql.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.allocation.DeciKw;
import io.gridflex.dispatch.allocation.EventAllocation;
import io.gridflex.messages.DispatchStatus.State;
import io.gridflex.messages.DrEvent;

/** Events, the revision of each that dispatch processed last, and every revision as received. */
@ApplicationScoped
public class EventRepository {

    private static final String COLUMNS = """
            event_id, source, program_id, vtn_id, vtn_event_id, modification_number, vtn_status, signal, test_event,
            priority, starts_at, ends_at, state, outcome, outcome_detail, requested_kw, allocated_kw, shortfall_kw,
            payload, first_received_at, updated_at
            """;

    /**
     * The processed modification number of an event, locking its row until the caller's transaction ends so the
     * revision check and the write that follows cannot interleave with another writer's.
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
     * Records a new revision as received (state RECEIVED until it is allocated), and keeps it in the history.
     *
     * @return false when a revision at least as high was already stored (two writers raced on a first insert)
     */
    public boolean saveRevision(Connection connection, DrEvent event, EventSource source, String payload,
            Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO dispatch.events (" + COLUMNS
                + """
                        ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', 'ALLOCATED', NULL, 0, 0, 0, ?, ?, ?)
                        ON CONFLICT (event_id) DO UPDATE SET
                            program_id = EXCLUDED.program_id, modification_number = EXCLUDED.modification_number,
                            vtn_status = EXCLUDED.vtn_status, signal = EXCLUDED.signal,
                            test_event = EXCLUDED.test_event, priority = EXCLUDED.priority,
                            starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, payload = EXCLUDED.payload,
                            updated_at = EXCLUDED.updated_at
                        WHERE dispatch.events.modification_number < EXCLUDED.modification_number
                        """)) {
            statement.setString(1, event.eventId());
            statement.setString(2, source.name());
            statement.setString(3, source == EventSource.OPERATOR && EventSource.NO_PROGRAM.equals(event.program())
                    ? null
                    : event.program());
            statement.setString(4, event.vtnId());
            statement.setString(5, event.vtnEventId());
            statement.setLong(6, event.modificationNumber());
            statement.setString(7, event.status().name());
            statement.setString(8, event.signal().name());
            statement.setBoolean(9, event.testEvent());
            statement.setInt(10, event.priority());
            setInstant(statement, 11, event.start());
            setInstant(statement, 12, event.end());
            statement.setString(13, payload);
            setInstant(statement, 14, now);
            setInstant(statement, 15, now);
            if (statement.executeUpdate() != 1) {
                return false;
            }
        }
        try (PreparedStatement history = connection.prepareStatement("""
                INSERT INTO dispatch.event_revisions (event_id, modification_number, payload, received_at)
                VALUES (?, ?, ?, ?)
                """)) {
            history.setString(1, event.eventId());
            history.setLong(2, event.modificationNumber());
            history.setString(3, payload);
            setInstant(history, 4, now);
            history.executeUpdate();
        }
        return true;
    }

    /** What the latest allocation did. */
    public void saveOutcome(Connection connection, String eventId, EventOutcome outcome, String detail,
            EventAllocation allocation, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE dispatch.events SET outcome = ?, outcome_detail = ?, requested_kw = ?, allocated_kw = ?,
                    shortfall_kw = ?, updated_at = ?
                WHERE event_id = ?
                """)) {
            statement.setString(1, outcome.name());
            statement.setString(2, detail == null ? null : detail.substring(0, Math.min(detail.length(), 1024)));
            statement.setBigDecimal(3, DeciKw.toDecimal(allocation.requestedDeciKw()));
            statement.setBigDecimal(4, DeciKw.toDecimal(allocation.allocatedDeciKw()));
            statement.setBigDecimal(5, DeciKw.toDecimal(allocation.shortfallDeciKw()));
            setInstant(statement, 6, now);
            statement.setString(7, eventId);
            statement.executeUpdate();
        }
    }

    /** @return whether the state changed */
    public boolean saveState(Connection connection, String eventId, State state, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE dispatch.events SET state = ?, updated_at = ? WHERE event_id = ? AND state <> ?
                """)) {
            statement.setString(1, state.name());
            setInstant(statement, 2, now);
            statement.setString(3, eventId);
            statement.setString(4, state.name());
            return statement.executeUpdate() == 1;
        }
    }

    public Optional<StoredEvent> find(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM dispatch.events WHERE event_id = ?")) {
            statement.setString(1, eventId);
            return read(statement).stream().findFirst();
        }
    }

    public List<StoredEvent> findAll(Connection connection, Collection<String> eventIds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM dispatch.events WHERE event_id = ANY (?) ORDER BY priority, first_received_at, event_id")) {
            statement.setArray(1, connection.createArrayOf("varchar", eventIds.toArray()));
            return read(statement);
        }
    }

    /** Most recently changed first; optionally only one state or program. */
    public List<StoredEvent> recent(Connection connection, int limit, State state, String programId)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM dispatch.events WHERE true");
        if (state != null) {
            sql.append(" AND state = ?");
        }
        if (programId != null) {
            sql.append(" AND program_id = ?");
        }
        sql.append(" ORDER BY updated_at DESC, event_id LIMIT ?");
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            if (state != null) {
                statement.setString(index++, state.name());
            }
            if (programId != null) {
                statement.setString(index++, programId);
            }
            statement.setInt(index, limit);
            return read(statement);
        }
    }

    /** Events not yet completed or cancelled, oldest start first. */
    public List<StoredEvent> open(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM dispatch.events WHERE state NOT IN ('COMPLETED', 'CANCELLED') ORDER BY starts_at, event_id")) {
            return read(statement);
        }
    }

    public List<StoredRevision> revisions(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT modification_number, received_at FROM dispatch.event_revisions
                WHERE event_id = ? ORDER BY modification_number
                """)) {
            statement.setString(1, eventId);
            List<StoredRevision> revisions = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    revisions.add(new StoredRevision(rs.getLong(1), instant(rs, "received_at")));
                }
            }
            return revisions;
        }
    }

    private static List<StoredEvent> read(PreparedStatement statement) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                events.add(new StoredEvent(rs.getString("event_id"), EventSource.valueOf(rs.getString("source")),
                        rs.getString("program_id"), rs.getString("vtn_id"), rs.getString("vtn_event_id"),
                        rs.getLong("modification_number"), DrEvent.EventStatus.valueOf(rs.getString("vtn_status")),
                        DrEvent.Signal.valueOf(rs.getString("signal")), rs.getBoolean("test_event"),
                        rs.getInt("priority"), instant(rs, "starts_at"), instant(rs, "ends_at"),
                        State.valueOf(rs.getString("state")), EventOutcome.valueOf(rs.getString("outcome")),
                        rs.getString("outcome_detail"), rs.getBigDecimal("requested_kw"),
                        rs.getBigDecimal("allocated_kw"), rs.getBigDecimal("shortfall_kw"), rs.getString("payload"),
                        instant(rs, "first_received_at"), instant(rs, "updated_at")));
            }
        }
        return events;
    }

    /**
     * One revision as received.
     *
     * @param modificationNumber the VTN's modification number
     * @param receivedAt when dispatch received it
     */
    public record StoredRevision(long modificationNumber, java.time.Instant receivedAt) {
    }
}
