package io.gridflex.gateway.registration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.support.db.Sql;

/** The registration row per program in {@code gateway.registration}. */
@ApplicationScoped
public class RegistrationRepository {

    /**
     * The program's registration. A row stored before the gateway knew programs (no program, same VTN URL) is taken
     * over by the first program that asks for it, so an upgrade keeps the venID the VTN knows instead of registering
     * afresh; call it in a transaction.
     */
    public Optional<Registration> find(Connection connection, String program, String vtnUrl) throws SQLException {
        try (PreparedStatement adopt = connection.prepareStatement("""
                UPDATE gateway.registration SET program = ?
                WHERE program IS NULL AND vtn_url = ?
                  AND NOT EXISTS (SELECT 1 FROM gateway.registration WHERE program = ?)""")) {
            adopt.setString(1, program);
            adopt.setString(2, vtnUrl);
            adopt.setString(3, program);
            adopt.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT vtn_url, ven_id, registration_id, vtn_id, poll_freq_seconds, registered_at
                FROM gateway.registration WHERE program = ?""")) {
            select.setString(1, program);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (!vtnUrl.equals(rs.getString("vtn_url"))) {
                    // The program now points at another VTN: what the old one assigned means nothing there.
                    return Optional.empty();
                }
                long pollSeconds = rs.getLong("poll_freq_seconds");
                Optional<Duration> poll = rs.wasNull()
                        ? Optional.empty()
                        : Optional.of(Duration.ofSeconds(pollSeconds));
                return Optional.of(new Registration(program, vtnUrl, rs.getString("ven_id"),
                        rs.getString("registration_id"), rs.getString("vtn_id"), poll,
                        Sql.instant(rs, "registered_at")));
            }
        }
    }

    public void save(Connection connection, Registration registration) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO gateway.registration
                    (program, vtn_url, ven_id, registration_id, vtn_id, poll_freq_seconds, registered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (program) DO UPDATE SET vtn_url = EXCLUDED.vtn_url, ven_id = EXCLUDED.ven_id,
                    registration_id = EXCLUDED.registration_id, vtn_id = EXCLUDED.vtn_id,
                    poll_freq_seconds = EXCLUDED.poll_freq_seconds, registered_at = EXCLUDED.registered_at""")) {
            upsert.setString(1, registration.program());
            upsert.setString(2, registration.vtnUrl());
            upsert.setString(3, registration.venId());
            upsert.setString(4, registration.registrationId());
            upsert.setString(5, registration.vtnId());
            if (registration.pollFrequency().isPresent()) {
                upsert.setLong(6, registration.pollFrequency().get().toSeconds());
            } else {
                upsert.setNull(6, java.sql.Types.BIGINT);
            }
            Sql.setInstant(upsert, 7, registration.registeredAt());
            upsert.executeUpdate();
        }
    }

    public void delete(Connection connection, String program) throws SQLException {
        try (PreparedStatement delete = connection
                .prepareStatement("DELETE FROM gateway.registration WHERE program = ?")) {
            delete.setString(1, program);
            delete.executeUpdate();
        }
    }

    /** The program registers no more until {@link #release}: its registration was ended at our request. */
    public void hold(Connection connection, String program, String reason) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO gateway.registration_hold (program, reason) VALUES (?, ?)
                ON CONFLICT (program) DO UPDATE SET held_since = now(), reason = EXCLUDED.reason""")) {
            insert.setString(1, program);
            insert.setString(2, reason);
            insert.executeUpdate();
        }
    }

    public void release(Connection connection, String program) throws SQLException {
        try (PreparedStatement delete = connection
                .prepareStatement("DELETE FROM gateway.registration_hold WHERE program = ?")) {
            delete.setString(1, program);
            delete.executeUpdate();
        }
    }

    /** @return why the program holds, when it does */
    public Optional<String> hold(Connection connection, String program) throws SQLException {
        try (PreparedStatement select = connection
                .prepareStatement("SELECT reason FROM gateway.registration_hold WHERE program = ?")) {
            select.setString(1, program);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString("reason")) : Optional.empty();
            }
        }
    }
}
