package io.gridflex.gateway.report;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.support.db.Sql;

/** The report requests of every program, in {@code gateway.report_request}. */
@ApplicationScoped
public class ReportRequestRepository {

    private static final String COLUMNS = """
            program, report_request_id, ven_id, registration_id, report_kind, r_ids, granularity_seconds,
            report_back_seconds, starts_at, ends_at, status, last_report_at, requested_at""";

    /** Stores a request, replacing one of the same program and reportRequestID. */
    public void save(Connection connection, RequestedReport report, Instant now) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO gateway.report_request (" + COLUMNS
                + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (program, report_request_id) DO UPDATE SET ven_id = EXCLUDED.ven_id,"
                + " registration_id = EXCLUDED.registration_id, report_kind = EXCLUDED.report_kind,"
                + " r_ids = EXCLUDED.r_ids, granularity_seconds = EXCLUDED.granularity_seconds,"
                + " report_back_seconds = EXCLUDED.report_back_seconds, starts_at = EXCLUDED.starts_at,"
                + " ends_at = EXCLUDED.ends_at, status = EXCLUDED.status, last_report_at = EXCLUDED.last_report_at,"
                + " requested_at = EXCLUDED.requested_at, updated_at = EXCLUDED.updated_at")) {
            upsert.setString(1, report.program());
            upsert.setString(2, report.reportRequestId());
            upsert.setString(3, report.venId());
            upsert.setString(4, report.registrationId());
            upsert.setString(5, report.kind().name());
            upsert.setArray(6, Sql.texts(connection, report.rIds()));
            upsert.setLong(7, report.granularity().toSeconds());
            upsert.setLong(8, report.reportBack().toSeconds());
            Sql.setInstant(upsert, 9, report.start());
            Sql.setInstant(upsert, 10, report.end());
            upsert.setString(11, report.status().name());
            Sql.setInstant(upsert, 12, report.lastReportAt());
            Sql.setInstant(upsert, 13, report.requestedAt());
            Sql.setInstant(upsert, 14, now);
            upsert.executeUpdate();
        }
    }

    public Optional<RequestedReport> find(Connection connection, String program, String reportRequestId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM gateway.report_request WHERE program = ? AND report_request_id = ?")) {
            select.setString(1, program);
            select.setString(2, reportRequestId);
            List<RequestedReport> found = read(select);
            return found.stream().findFirst();
        }
    }

    /** The program's requests still to report on (ACTIVE or FINAL_REPORT), oldest first. */
    public List<RequestedReport> pending(Connection connection, String program) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM gateway.report_request WHERE program = ? AND status IN ('ACTIVE', 'FINAL_REPORT')"
                + " ORDER BY requested_at, report_request_id")) {
            select.setString(1, program);
            return read(select);
        }
    }

    /** Removes the program's requests made under any other registration than this one; returns how many. */
    public int deleteOtherRegistrations(Connection connection, String program, String venId, String registrationId)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM gateway.report_request"
                + " WHERE program = ? AND (ven_id <> ? OR registration_id <> ?)")) {
            delete.setString(1, program);
            delete.setString(2, venId);
            delete.setString(3, registrationId);
            return delete.executeUpdate();
        }
    }

    private static List<RequestedReport> read(PreparedStatement select) throws SQLException {
        List<RequestedReport> reports = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Array rIds = rs.getArray("r_ids");
                reports.add(new RequestedReport(rs.getString("program"), rs.getString("report_request_id"),
                        rs.getString("ven_id"), rs.getString("registration_id"),
                        ReportKind.valueOf(rs.getString("report_kind")),
                        Arrays.asList((String[]) rIds.getArray()),
                        Duration.ofSeconds(rs.getLong("granularity_seconds")),
                        Duration.ofSeconds(rs.getLong("report_back_seconds")), Sql.instant(rs, "starts_at"),
                        Sql.instant(rs, "ends_at"), RequestedReport.Status.valueOf(rs.getString("status")),
                        Sql.instant(rs, "last_report_at"), Sql.instant(rs, "requested_at")));
            }
        }
        return reports;
    }
}
