package io.gridflex.gateway.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.support.db.Sql;

/** What each program last registered with its VTN (oadrRegisterReport), in {@code gateway.report_registration}. */
@ApplicationScoped
public class ReportRegistrationRepository {

    /**
     * The metadata a program registered.
     *
     * @param registeredWith the registeredAt of the registration with the VTN it was sent under
     */
    public record Registered(String venId, Instant registeredWith, String fingerprint, Instant registeredAt) {
    }

    public Optional<Registered> find(Connection connection, String program) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT ven_id, registered_with, fingerprint, registered_at
                FROM gateway.report_registration WHERE program = ?""")) {
            select.setString(1, program);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Registered(rs.getString("ven_id"), Sql.instant(rs, "registered_with"),
                        rs.getString("fingerprint"), Sql.instant(rs, "registered_at")));
            }
        }
    }

    public void save(Connection connection, String program, Registered registered) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO gateway.report_registration (program, ven_id, registered_with, fingerprint, registered_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (program) DO UPDATE SET ven_id = EXCLUDED.ven_id,
                    registered_with = EXCLUDED.registered_with, fingerprint = EXCLUDED.fingerprint,
                    registered_at = EXCLUDED.registered_at""")) {
            upsert.setString(1, program);
            upsert.setString(2, registered.venId());
            Sql.setInstant(upsert, 3, registered.registeredWith());
            upsert.setString(4, registered.fingerprint());
            Sql.setInstant(upsert, 5, registered.registeredAt());
            upsert.executeUpdate();
        }
    }
}
