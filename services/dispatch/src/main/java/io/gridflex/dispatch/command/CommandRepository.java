package io.gridflex.dispatch.command;

import static io.gridflex.dispatch.db.Sql.instant;
import static io.gridflex.dispatch.db.Sql.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.allocation.DeciKw;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.SiteCommand.Action;
import io.gridflex.support.outbox.Outbox;

/** The commands table, which is also the outbox the relay publishes from. */
@ApplicationScoped
public class CommandRepository implements Outbox<PendingCommand> {

    private final MessageCodec codec;

    public CommandRepository(MessageCodec codec) {
        this.codec = codec;
    }

    /**
     * Writes commands as unpublished. A command id already present is skipped: ids are deterministic, so it can only be
     * the same command.
     */
    public void insert(Connection connection, Collection<SiteCommand> commands) throws SQLException {
        if (commands.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO dispatch.commands (command_id, event_id, site_id, revision, action, shed_kw, starts_at,
                    ends_at, issued_at, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (command_id) DO NOTHING
                """)) {
            for (SiteCommand command : commands) {
                statement.setString(1, command.commandId());
                statement.setString(2, command.eventId());
                statement.setString(3, command.siteId());
                statement.setLong(4, command.revision());
                statement.setString(5, command.action().name());
                statement.setBigDecimal(6, DeciKw.toDecimal(DeciKw.round(command.shedKw())));
                setInstant(statement, 7, command.start());
                setInstant(statement, 8, command.end());
                setInstant(statement, 9, command.issuedAt());
                statement.setString(10, codec.encode(command));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Sites whose latest command for the event is a SHED: the ones a cancel or a new revision must reach. */
    public List<String> sitesShedding(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT site_id FROM (
                    SELECT DISTINCT ON (site_id) site_id, action
                    FROM dispatch.commands WHERE event_id = ?
                    ORDER BY site_id, revision DESC
                ) latest
                WHERE action = 'SHED'
                ORDER BY site_id
                """)) {
            statement.setString(1, eventId);
            List<String> sites = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    sites.add(rs.getString(1));
                }
            }
            return sites;
        }
    }

    /**
     * Locks the oldest unpublished commands for the caller's transaction. SKIP LOCKED lets a second dispatch instance
     * relay other rows instead of waiting or sending the same ones.
     */
    @Override
    public List<PendingCommand> lockUnpublished(Connection connection, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT command_id, site_id, payload, issued_at FROM dispatch.commands
                WHERE published_at IS NULL
                ORDER BY seq
                LIMIT ?
                FOR UPDATE SKIP LOCKED
                """)) {
            statement.setInt(1, limit);
            List<PendingCommand> pending = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    pending.add(new PendingCommand(rs.getString("command_id"), rs.getString("site_id"),
                            rs.getString("payload"), instant(rs, "issued_at")));
                }
            }
            return pending;
        }
    }

    @Override
    public void markPublished(Connection connection, List<PendingCommand> commands, Instant publishedAt)
            throws SQLException {
        if (commands.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE dispatch.commands SET published_at = ? WHERE command_id = ANY (?)")) {
            setInstant(statement, 1, publishedAt);
            statement.setArray(2, connection.createArrayOf("varchar",
                    commands.stream().map(PendingCommand::commandId).toArray()));
            statement.executeUpdate();
        }
    }

    /** How many commands wait in the outbox and when the oldest was issued. */
    @Override
    public Backlog backlog(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*), min(issued_at) AS oldest FROM dispatch.commands WHERE published_at IS NULL");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return new Backlog(rs.getLong(1), Optional.ofNullable(instant(rs, "oldest")));
        }
    }

    public Optional<CommandTarget> target(Connection connection, String commandId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT site_id, event_id FROM dispatch.commands WHERE command_id = ?")) {
            statement.setString(1, commandId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next()
                        ? Optional.of(new CommandTarget(commandId, rs.getString("site_id"), rs.getString("event_id")))
                        : Optional.empty();
            }
        }
    }

    /** Every command of an event, by revision then site. */
    public List<CommandView> forEvent(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT command_id, site_id, revision, action, shed_kw, starts_at, ends_at, issued_at, published_at
                FROM dispatch.commands WHERE event_id = ?
                ORDER BY revision, site_id
                """)) {
            statement.setString(1, eventId);
            List<CommandView> commands = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    commands.add(new CommandView(rs.getString("command_id"), rs.getString("site_id"),
                            rs.getLong("revision"), Action.valueOf(rs.getString("action")), rs.getBigDecimal("shed_kw"),
                            instant(rs, "starts_at"), instant(rs, "ends_at"), instant(rs, "issued_at"),
                            instant(rs, "published_at")));
                }
            }
            return commands;
        }
    }

    /**
     * Who a command was for.
     *
     * @param commandId the command
     * @param siteId its site
     * @param eventId its event
     */
    public record CommandTarget(String commandId, String siteId, String eventId) {
    }
}
