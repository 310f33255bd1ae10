package io.gridflex.support.db;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;

/**
 * Parameter and column conversions, so every repository of every service stores and reads TIMESTAMPTZ the same way
 * (as UTC offsets, independent of the JVM's time zone) and nullable numbers alike.
 */
public final class Sql {

    private Sql() {
    }

    public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }

    /** A NUMERIC parameter that may be null. */
    public static void setDecimal(PreparedStatement statement, int index, BigDecimal value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NUMERIC);
        } else {
            statement.setBigDecimal(index, value);
        }
    }

    /**
     * A text array parameter. With {@code unnest(?::text[], ...)} a thousand rows travel in one statement instead of
     * a thousand (set-based writes), and {@code JOIN unnest(?::text[])} plans far faster than {@code = ANY (?)}.
     */
    public static Array texts(Connection connection, Collection<String> values)
            throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    /** Instants as a text array of ISO-8601 UTC strings, cast with {@code ::timestamptz} in SQL; nulls stay null. */
    public static Array instants(Connection connection, Collection<Instant> values)
            throws SQLException {
        return connection.createArrayOf("text", values.stream().map(v -> v == null ? null : v.toString()).toArray());
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
