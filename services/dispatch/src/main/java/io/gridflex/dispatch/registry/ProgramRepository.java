package io.gridflex.dispatch.registry;

import static io.gridflex.support.db.Sql.instant;
import static io.gridflex.support.db.Sql.setInstant;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** The registered programs. */
@ApplicationScoped
public class ProgramRepository {

    private static final String COLUMNS = """
            program_id, name, market_context, vtn_id, level_shares, over_delivery_margin, currency, time_zone, version,
            created_at, created_by, updated_at, updated_by
            """;

    public void insert(Connection connection, Program program) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO dispatch.programs (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, program.programId());
            statement.setString(2, program.name());
            statement.setString(3, program.marketContext());
            statement.setString(4, program.vtnId());
            statement.setArray(5, shares(connection, program));
            statement.setBigDecimal(6, program.overDeliveryMargin());
            statement.setString(7, program.currency());
            statement.setString(8, program.timeZone());
            statement.setLong(9, program.version());
            setInstant(statement, 10, program.createdAt());
            statement.setString(11, program.createdBy());
            setInstant(statement, 12, program.updatedAt());
            statement.setString(13, program.updatedBy());
            statement.executeUpdate();
        }
    }

    public void update(Connection connection, Program program) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE dispatch.programs SET name = ?, market_context = ?, vtn_id = ?, level_shares = ?,
                    over_delivery_margin = ?, currency = ?, time_zone = ?, version = ?, updated_at = ?, updated_by = ?
                WHERE program_id = ?
                """)) {
            statement.setString(1, program.name());
            statement.setString(2, program.marketContext());
            statement.setString(3, program.vtnId());
            statement.setArray(4, shares(connection, program));
            statement.setBigDecimal(5, program.overDeliveryMargin());
            statement.setString(6, program.currency());
            statement.setString(7, program.timeZone());
            statement.setLong(8, program.version());
            setInstant(statement, 9, program.updatedAt());
            statement.setString(10, program.updatedBy());
            statement.setString(11, program.programId());
            statement.executeUpdate();
        }
    }

    public void delete(Connection connection, String programId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM dispatch.programs WHERE program_id = ?")) {
            statement.setString(1, programId);
            statement.executeUpdate();
        }
    }

    public Optional<Program> find(Connection connection, String programId) throws SQLException {
        return one(connection, programId, "");
    }

    public Optional<Program> lock(Connection connection, String programId) throws SQLException {
        return one(connection, programId, " FOR UPDATE");
    }

    public List<Program> list(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM dispatch.programs ORDER BY program_id")) {
            return read(statement);
        }
    }

    private static Optional<Program> one(Connection connection, String programId, String lock) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM dispatch.programs WHERE program_id = ?" + lock)) {
            statement.setString(1, programId);
            return read(statement).stream().findFirst();
        }
    }

    private static Array shares(Connection connection, Program program) throws SQLException {
        return connection.createArrayOf("numeric", program.levelShares().toArray());
    }

    private static List<Program> read(PreparedStatement statement) throws SQLException {
        List<Program> programs = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                List<BigDecimal> shares = Arrays.asList((BigDecimal[]) rs.getArray("level_shares").getArray());
                programs.add(new Program(rs.getString("program_id"), rs.getString("name"),
                        rs.getString("market_context"), rs.getString("vtn_id"), shares,
                        rs.getBigDecimal("over_delivery_margin"), rs.getString("currency"), rs.getString("time_zone"),
                        rs.getLong("version"), instant(rs, "created_at"), rs.getString("created_by"),
                        instant(rs, "updated_at"), rs.getString("updated_by")));
            }
        }
        return programs;
    }
}
