package io.gridflex.gateway.vtnreport;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.support.db.Sql;

/**
 * The VTN's reports as this VEN knows them, for every program: offers ({@code gateway.vtn_report_offer}), our
 * requests ({@code gateway.vtn_report_request}) and the readings received ({@code gateway.vtn_report_reading}).
 */
@ApplicationScoped
public class VtnReportRepository {

    private static final String REQUEST_COLUMNS = """
            program, report_request_id, report_specifier_id, report_name, r_ids, granularity_seconds,
            report_back_seconds, ven_id, registration_id, status, requested_via, detail, requested_at,
            last_update_at""";

    /** The VTN's offers replace whatever it offered before. */
    public void replaceOffers(Connection connection, String program, String venId, String registrationId,
            List<VtnOffer> offers, Instant now) throws SQLException {
        try (PreparedStatement delete = connection
                .prepareStatement("DELETE FROM gateway.vtn_report_offer WHERE program = ?")) {
            delete.setString(1, program);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO gateway.vtn_report_offer (program, report_specifier_id, report_name, r_ids,
                    min_period_seconds, max_period_seconds, ven_id, registration_id, offered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (program, report_specifier_id) DO NOTHING""")) {
            for (VtnOffer offer : offers) {
                insert.setString(1, program);
                insert.setString(2, offer.reportSpecifierId());
                insert.setString(3, offer.reportName());
                insert.setArray(4, Sql.texts(connection, offer.rIds()));
                setSeconds(insert, 5, offer.minPeriod());
                setSeconds(insert, 6, offer.maxPeriod());
                insert.setString(7, venId);
                insert.setString(8, registrationId);
                Sql.setInstant(insert, 9, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** What the VTN offered under this registration, in the order it listed them. */
    public List<VtnOffer> offers(Connection connection, String program, String venId, String registrationId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT report_specifier_id, report_name, r_ids, min_period_seconds, max_period_seconds
                FROM gateway.vtn_report_offer WHERE program = ? AND ven_id = ? AND registration_id = ?
                ORDER BY report_specifier_id""")) {
            select.setString(1, program);
            select.setString(2, venId);
            select.setString(3, registrationId);
            List<VtnOffer> offers = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    offers.add(new VtnOffer(rs.getString("report_specifier_id"), rs.getString("report_name"),
                            texts(rs.getArray("r_ids")), seconds(rs, "min_period_seconds"),
                            seconds(rs, "max_period_seconds")));
                }
            }
            return offers;
        }
    }

    public void save(Connection connection, VtnRequest request, Instant now) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO gateway.vtn_report_request ("
                + REQUEST_COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (program, report_request_id) DO UPDATE SET status = EXCLUDED.status,"
                + " detail = EXCLUDED.detail, last_update_at = EXCLUDED.last_update_at,"
                + " updated_at = EXCLUDED.updated_at")) {
            upsert.setString(1, request.program());
            upsert.setString(2, request.reportRequestId());
            upsert.setString(3, request.reportSpecifierId());
            upsert.setString(4, request.reportName());
            upsert.setArray(5, Sql.texts(connection, request.rIds()));
            upsert.setLong(6, request.granularity().toSeconds());
            upsert.setLong(7, request.reportBack().toSeconds());
            upsert.setString(8, request.venId());
            upsert.setString(9, request.registrationId());
            upsert.setString(10, request.status().name());
            upsert.setString(11, request.via());
            upsert.setString(12, request.detail());
            Sql.setInstant(upsert, 13, request.requestedAt());
            Sql.setInstant(upsert, 14, request.lastUpdateAt());
            Sql.setInstant(upsert, 15, now);
            upsert.executeUpdate();
        }
    }

    /** The program's requests, newest first. */
    public List<VtnRequest> requests(Connection connection, String program) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + REQUEST_COLUMNS
                + " FROM gateway.vtn_report_request WHERE program = ?"
                + " ORDER BY requested_at DESC, report_request_id")) {
            select.setString(1, program);
            return readRequests(select);
        }
    }

    /** Marks the open requests made under any other registration ENDED; returns how many. */
    public int endOtherRegistrations(Connection connection, String program, String venId, String registrationId,
            Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE gateway.vtn_report_request SET status = 'ENDED', detail = 'the registration it was made under'
                    || ' ended', updated_at = ?
                WHERE program = ? AND status IN ('REQUESTED', 'ACTIVE') AND (ven_id <> ? OR registration_id <> ?)""")) {
            Sql.setInstant(update, 1, now);
            update.setString(2, program);
            update.setString(3, venId);
            update.setString(4, registrationId);
            return update.executeUpdate();
        }
    }

    /**
     * Stores readings; one of an interval already held replaces it only when its report was created later.
     *
     * @return how many rows were written
     */
    public int saveReadings(Connection connection, String program, List<VtnReading> readings, Instant receivedAt)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO gateway.vtn_report_reading (program, report_request_id, r_id, interval_start,
                    duration_seconds, value, status, data_quality, report_created_at, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (program, report_request_id, r_id, interval_start) DO UPDATE SET
                    duration_seconds = EXCLUDED.duration_seconds, value = EXCLUDED.value, status = EXCLUDED.status,
                    data_quality = EXCLUDED.data_quality, report_created_at = EXCLUDED.report_created_at,
                    received_at = EXCLUDED.received_at
                WHERE EXCLUDED.report_created_at > gateway.vtn_report_reading.report_created_at""")) {
            for (VtnReading reading : readings) {
                upsert.setString(1, program);
                upsert.setString(2, reading.reportRequestId());
                upsert.setString(3, reading.rId());
                Sql.setInstant(upsert, 4, reading.intervalStart());
                upsert.setLong(5, reading.duration().toSeconds());
                if (reading.value() == null) {
                    upsert.setNull(6, Types.DOUBLE);
                } else {
                    upsert.setDouble(6, reading.value());
                }
                upsert.setString(7, reading.status());
                upsert.setString(8, reading.dataQuality());
                Sql.setInstant(upsert, 9, reading.reportCreatedAt());
                Sql.setInstant(upsert, 10, receivedAt);
                upsert.addBatch();
            }
            return Arrays.stream(upsert.executeBatch()).sum();
        }
    }

    /** One request's readings from {@code from} on (all when null), oldest first, at most {@code limit}. */
    public List<VtnReading> readings(Connection connection, String program, String reportRequestId, Instant from,
            int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                """
                        SELECT report_request_id, r_id, interval_start, duration_seconds, value, status, data_quality,
                            report_created_at
                        FROM gateway.vtn_report_reading
                        WHERE program = ? AND report_request_id = ? AND interval_start >= COALESCE(?::timestamptz, '-infinity'::timestamptz)
                        ORDER BY interval_start, r_id LIMIT ?""")) {
            select.setString(1, program);
            select.setString(2, reportRequestId);
            Sql.setInstant(select, 3, from);
            select.setInt(4, limit);
            List<VtnReading> readings = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    double value = rs.getDouble("value");
                    readings.add(new VtnReading(rs.getString("report_request_id"), rs.getString("r_id"),
                            Sql.instant(rs, "interval_start"), Duration.ofSeconds(rs.getLong("duration_seconds")),
                            rs.wasNull() ? null : value, rs.getString("status"), rs.getString("data_quality"),
                            Sql.instant(rs, "report_created_at")));
                }
            }
            return readings;
        }
    }

    /** Deletes the program's readings of intervals that started before {@code before}; returns how many. */
    public int pruneReadings(Connection connection, String program, Instant before) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM gateway.vtn_report_reading WHERE program = ? AND interval_start < ?")) {
            delete.setString(1, program);
            Sql.setInstant(delete, 2, before);
            return delete.executeUpdate();
        }
    }

    private static List<VtnRequest> readRequests(PreparedStatement select) throws SQLException {
        List<VtnRequest> requests = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                requests.add(new VtnRequest(rs.getString("program"), rs.getString("report_request_id"),
                        rs.getString("report_specifier_id"), rs.getString("report_name"), texts(rs.getArray("r_ids")),
                        Duration.ofSeconds(rs.getLong("granularity_seconds")),
                        Duration.ofSeconds(rs.getLong("report_back_seconds")), rs.getString("ven_id"),
                        rs.getString("registration_id"), VtnRequest.Status.valueOf(rs.getString("status")),
                        rs.getString("requested_via"), rs.getString("detail"), Sql.instant(rs, "requested_at"),
                        Sql.instant(rs, "last_update_at")));
            }
        }
        return requests;
    }

    private static List<String> texts(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    private static void setSeconds(PreparedStatement statement, int index, Duration duration) throws SQLException {
        if (duration == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, duration.toSeconds());
        }
    }

    private static Duration seconds(ResultSet rs, String column) throws SQLException {
        long seconds = rs.getLong(column);
        return rs.wasNull() ? null : Duration.ofSeconds(seconds);
    }
}
