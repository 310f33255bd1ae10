package io.gridflex.gateway.event;

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
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.messages.DrEvent;
import io.gridflex.messages.MessageCodec;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.OptTypeType;
import io.gridflex.support.db.Sql;

/** Events received ({@code gateway.dr_event}) and the raw oadrDistributeEvents that changed them. */
@ApplicationScoped
public class EventRepository {

    private static final String VIEW_COLUMNS = """
            e.event_id, e.program, e.vtn_id, e.vtn_event_id, e.modification_number, e.status, e.opt_type, e.response_code,
            e.reason, e.market_context, e.start_at, e.end_at, e.signal, e.peak_value, e.currency, e.received_at,
            o.published_at
            FROM gateway.dr_event e
            LEFT JOIN gateway.outbox o
                ON o.event_id = e.event_id
                    AND o.modification_number = e.modification_number + e.implicit_cancellations""";

    private final MessageCodec codec;

    public EventRepository(MessageCodec codec) {
        this.codec = codec;
    }

    /** The revision held, locked until the transaction ends so two handlers cannot both take the same event. */
    Optional<StoredRevision> lock(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT modification_number, opt_type, response_code, last_published, implicit_cancellations
                FROM gateway.dr_event WHERE event_id = ? FOR UPDATE""")) {
            select.setString(1, eventId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(storedRevision(rs, lastPublished(rs))) : Optional.empty();
            }
        }
    }

    /**
     * In one statement, locked until the transaction ends: the revisions held of the events a distribution names, and
     * the events the program holds from its VTN that the VTN has neither cancelled nor completed (nor we implicitly).
     * Events stored before the gateway knew programs count for every program on that VTN.
     */
    Locked lockForDistribution(Connection connection, Collection<String> eventIds, String program, String vtnId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT event_id, vtn_event_id, modification_number, opt_type, response_code, end_at, last_published,
                    implicit_cancellations,
                    (program = ? OR program IS NULL) AND vtn_id = ? AND status NOT IN ('CANCELLED', 'COMPLETED')
                        AS open
                FROM gateway.dr_event
                WHERE event_id = ANY (?)
                    OR ((program = ? OR program IS NULL) AND vtn_id = ? AND status NOT IN ('CANCELLED', 'COMPLETED'))
                ORDER BY event_id FOR UPDATE""")) {
            select.setString(1, program);
            select.setString(2, vtnId);
            select.setArray(3, connection.createArrayOf("varchar", eventIds.toArray()));
            select.setString(4, program);
            select.setString(5, vtnId);
            Map<String, Optional<StoredRevision>> named = new HashMap<>();
            eventIds.forEach(id -> named.put(id, Optional.empty()));
            List<HeldEvent> open = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String eventId = rs.getString("event_id");
                    Optional<DrEvent> lastPublished = lastPublished(rs);
                    if (named.containsKey(eventId)) {
                        named.put(eventId, Optional.of(storedRevision(rs, lastPublished)));
                    }
                    if (rs.getBoolean("open")) {
                        open.add(new HeldEvent(eventId, rs.getString("vtn_event_id"), rs.getLong("modification_number"),
                                Sql.instant(rs, "end_at"), lastPublished, rs.getInt("implicit_cancellations")));
                    }
                }
            }
            return new Locked(named, open);
        }
    }

    private Optional<DrEvent> lastPublished(ResultSet rs) throws SQLException {
        return Optional.ofNullable(rs.getString("last_published")).map(json -> codec.decodeOwn(DrEvent.class, json));
    }

    private static StoredRevision storedRevision(ResultSet rs, Optional<DrEvent> lastPublished) throws SQLException {
        return new StoredRevision(rs.getLong("modification_number"), OptTypeType.fromValue(rs.getString("opt_type")),
                responseCode(rs.getInt("response_code")), lastPublished, rs.getInt("implicit_cancellations"));
    }

    /**
     * What {@link #lockForDistribution} found.
     *
     * @param named the revision held of each event named, empty for one never seen
     * @param open the program's open events, by eventId
     */
    record Locked(Map<String, Optional<StoredRevision>> named, List<HeldEvent> open) {
    }

    /**
     * Records an implicit cancellation: status CANCELLED, the VTN's modification number kept, one more implicit
     * cancellation counted.
     */
    void saveImplicitCancellation(Connection connection, String eventId, String reason, Instant receivedAt,
            long distributionId, String lastPublishedJson) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE gateway.dr_event SET status = 'CANCELLED', reason = ?, received_at = ?, distribution_id = ?,
                    last_published = ?, implicit_cancellations = implicit_cancellations + 1
                WHERE event_id = ?""")) {
            update.setString(1, reason);
            Sql.setInstant(update, 2, receivedAt);
            update.setLong(3, distributionId);
            update.setString(4, lastPublishedJson);
            update.setString(5, eventId);
            update.executeUpdate();
        }
    }

    long insertDistribution(Connection connection, String program, String vtnId, String requestId,
            Instant receivedAt, String xml) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO gateway.distribution (program, vtn_id, request_id, received_at, xml)
                VALUES (?, ?, ?, ?, ?)""", new String[]{"id"})) {
            insert.setString(1, program);
            insert.setString(2, vtnId);
            insert.setString(3, requestId);
            Sql.setInstant(insert, 4, receivedAt);
            insert.setString(5, xml);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    void save(Connection connection, RevisionRecord r) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO gateway.dr_event (event_id, vtn_id, vtn_event_id, modification_number, status, opt_type,
                    response_code, reason, market_context, start_at, end_at, signal, peak_value, currency,
                    received_at, distribution_id, last_published, program)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (event_id) DO UPDATE SET modification_number = EXCLUDED.modification_number,
                    program = COALESCE(gateway.dr_event.program, EXCLUDED.program),
                    status = EXCLUDED.status, opt_type = EXCLUDED.opt_type, response_code = EXCLUDED.response_code,
                    reason = EXCLUDED.reason, market_context = EXCLUDED.market_context, start_at = EXCLUDED.start_at,
                    end_at = EXCLUDED.end_at, signal = EXCLUDED.signal, peak_value = EXCLUDED.peak_value,
                    currency = EXCLUDED.currency,
                    received_at = EXCLUDED.received_at, distribution_id = EXCLUDED.distribution_id,
                    last_published = EXCLUDED.last_published""")) {
            upsert.setString(1, r.eventId());
            upsert.setString(2, r.vtnId());
            upsert.setString(3, r.vtnEventId());
            upsert.setLong(4, r.modificationNumber());
            upsert.setString(5, r.status());
            upsert.setString(6, r.optType());
            upsert.setInt(7, r.responseCode());
            upsert.setString(8, r.reason());
            upsert.setString(9, r.marketContext());
            Sql.setInstant(upsert, 10, r.start());
            Sql.setInstant(upsert, 11, r.end());
            upsert.setString(12, r.signal() == null ? null : r.signal().name());
            upsert.setBigDecimal(13, r.peakValue());
            upsert.setString(14, r.currency());
            Sql.setInstant(upsert, 15, r.receivedAt());
            upsert.setLong(16, r.distributionId());
            upsert.setString(17, r.lastPublishedJson());
            upsert.setString(18, r.program());
            upsert.executeUpdate();
        }
    }

    public List<EventView> recent(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + VIEW_COLUMNS + " ORDER BY e.received_at DESC, e.event_id LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                List<EventView> views = new ArrayList<>();
                while (rs.next()) {
                    views.add(view(rs));
                }
                return views;
            }
        }
    }

    public Optional<EventView> find(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + VIEW_COLUMNS + " WHERE e.event_id = ?")) {
            select.setString(1, eventId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(view(rs)) : Optional.empty();
            }
        }
    }

    /** How many events are held; tests use it to prove a refused message changed nothing. */
    public long count(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM gateway.dr_event");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static EventView view(ResultSet rs) throws SQLException {
        BigDecimal peak = rs.getBigDecimal("peak_value");
        return new EventView(rs.getString("event_id"), rs.getString("program"), rs.getString("vtn_id"),
                rs.getString("vtn_event_id"),
                rs.getLong("modification_number"), rs.getString("status"), rs.getString("opt_type"),
                rs.getInt("response_code"), rs.getString("reason"), rs.getString("market_context"),
                Sql.instant(rs, "start_at"), Sql.instant(rs, "end_at"), rs.getString("signal"),
                peak == null ? null : Decimals.canonical(peak), rs.getString("currency"),
                Sql.instant(rs, "received_at"),
                Sql.instant(rs, "published_at"));
    }

    private static OadrResponseCode responseCode(int code) {
        for (OadrResponseCode candidate : OadrResponseCode.values()) {
            if (candidate.code() == code) {
                return candidate;
            }
        }
        return OadrResponseCode.DEPLOYMENT_ERROR_OR_OTHER;
    }
}
