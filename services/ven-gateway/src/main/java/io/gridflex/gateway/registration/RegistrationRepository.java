package io.gridflex.gateway.registration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.support.db.Sql;

/** The registration row per VTN URL in {@code gateway.registration}. */
@ApplicationScoped
public class RegistrationRepository {

    public Optional<Registration> find(Connection connection, String vtnUrl) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT ven_id, registration_id, vtn_id, poll_freq_seconds, registered_at
                FROM gateway.registration WHERE vtn_url = ?""")) {
            select.setString(1, vtnUrl);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long pollSeconds = rs.getLong("poll_freq_seconds");
                Optional<Duration> poll = rs.wasNull()
                        ? Optional.empty()
                        : Optional.of(Duration.ofSeconds(pollSeconds));
                return Optional.of(new Registration(vtnUrl, rs.getString("ven_id"), rs.getString("registration_id"),
                        rs.getString("vtn_id"), poll, Sql.instant(rs, "registered_at")));
            }
        }
    }

    public void save(Connection connection, Registration registration) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO gateway.registration
                    (vtn_url, ven_id, registration_id, vtn_id, poll_freq_seconds, registered_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (vtn_url) DO UPDATE SET ven_id = EXCLUDED.ven_id,
                    registration_id = EXCLUDED.registration_id, vtn_id = EXCLUDED.vtn_id,
                    poll_freq_seconds = EXCLUDED.poll_freq_seconds, registered_at = EXCLUDED.registered_at""")) {
            upsert.setString(1, registration.vtnUrl());
            upsert.setString(2, registration.venId());
            upsert.setString(3, registration.registrationId());
            upsert.setString(4, registration.vtnId());
            if (registration.pollFrequency().isPresent()) {
                upsert.setLong(5, registration.pollFrequency().get().toSeconds());
            } else {
                upsert.setNull(5, java.sql.Types.BIGINT);
            }
            Sql.setInstant(upsert, 6, registration.registeredAt());
            upsert.executeUpdate();
        }
    }

    public void delete(Connection connection, String vtnUrl) throws SQLException {
        try (PreparedStatement delete = connection
                .prepareStatement("DELETE FROM gateway.registration WHERE vtn_url = ?")) {
            delete.setString(1, vtnUrl);
            delete.executeUpdate();
        }
    }
}
