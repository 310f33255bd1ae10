package io.gridflex.settlement.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.messages.SiteCommand;
import io.gridflex.settlement.db.Jdbc;
import io.gridflex.support.db.Transactions;

/** Site participation in {@code settlement.site_participation}. */
@ApplicationScoped
public class ParticipationRepository {

    private static final String COLUMNS = """
            event_id, site_id, revision, shed_kw, start_at, end_at, cancelled_at, last_command_id
            """;

    private final Transactions transactions;

    public ParticipationRepository(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Applies {@code command} by {@link ParticipationRules} to the row it concerns, locked for the decision so a
     * concurrent command for the same pair waits and then sees the result.
     */
    public CommandDecision apply(SiteCommand command, Instant now) {
        return transactions.inTransaction(connection -> {
            Optional<Participation> held = lockedRow(connection, command.eventId(), command.siteId());
            CommandDecision decision = ParticipationRules.apply(held, command);
            if (decision instanceof CommandDecision.Apply apply) {
                upsert(connection, apply.participation(), now);
            }
            return decision;
        });
    }

    /** Every site that took part in {@code eventId}, by site id. */
    public List<Participation> forEvent(String eventId) {
        return transactions.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM settlement.site_participation WHERE event_id = ? ORDER BY site_id")) {
                statement.setString(1, eventId);
                return read(statement);
            }
        });
    }

    private static Optional<Participation> lockedRow(Connection connection, String eventId, String siteId)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM settlement.site_participation WHERE event_id = ? AND site_id = ? FOR UPDATE")) {
            statement.setString(1, eventId);
            statement.setString(2, siteId);
            return read(statement).stream().findFirst();
        }
    }

    private static void upsert(Connection connection, Participation participation, Instant now)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO settlement.site_participation
                    (event_id, site_id, revision, shed_kw, start_at, end_at, cancelled_at, last_command_id, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (event_id, site_id) DO UPDATE SET
                    revision = EXCLUDED.revision, shed_kw = EXCLUDED.shed_kw, start_at = EXCLUDED.start_at,
                    end_at = EXCLUDED.end_at, cancelled_at = EXCLUDED.cancelled_at,
                    last_command_id = EXCLUDED.last_command_id, updated_at = EXCLUDED.updated_at
                """)) {
            statement.setString(1, participation.eventId());
            statement.setString(2, participation.siteId());
            statement.setLong(3, participation.revision());
            statement.setBigDecimal(4, participation.shedKw());
            Jdbc.setInstant(statement, 5, participation.start());
            Jdbc.setInstant(statement, 6, participation.end());
            Jdbc.setInstant(statement, 7, participation.cancelledAt());
            statement.setString(8, participation.lastCommandId());
            Jdbc.setInstant(statement, 9, now);
            statement.executeUpdate();
        }
    }

    private static List<Participation> read(PreparedStatement statement) throws SQLException {
        List<Participation> participations = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                participations.add(new Participation(
                        rows.getString("event_id"),
                        rows.getString("site_id"),
                        rows.getLong("revision"),
                        rows.getBigDecimal("shed_kw"),
                        Jdbc.getInstant(rows, "start_at"),
                        Jdbc.getInstant(rows, "end_at"),
                        Jdbc.getInstant(rows, "cancelled_at"),
                        rows.getString("last_command_id")));
            }
        }
        return participations;
    }
}
