package io.gridflex.dispatch.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Serialises every change to what sites are asked to do (events, re-allocations, overrides, registry changes) across
 * every dispatch instance, for the rest of the caller's transaction. Two allocations that each saw a site's capacity
 * free could otherwise commit it twice; changes are rare (a few a second at most), so one lock costs nothing.
 */
public final class AllocationLock {

    /** Any fixed number: the key of PostgreSQL's transaction-level advisory lock. */
    private static final long KEY = 0x6772_6964_666cL;

    private AllocationLock() {
    }

    public static void acquire(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            statement.setLong(1, KEY);
            statement.execute();
        }
    }
}
