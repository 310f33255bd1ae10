package io.gridflex.support.db;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a database that is away (refused or lost connections, an administrator shutting it down, a pool that found no
 * connection in time) from a record the database refuses (constraint violations, bad data, SQL errors). Only the first
 * is worth waiting out: the same record will be stored once the database is back. The second would fail forever.
 */
public final class TransientDatabaseFailure {

    /** admin_shutdown, crash_shutdown, cannot_connect_now: the server is going away or not yet accepting. */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

    /** SQL state class 08: connection exception. */
    private static final String CONNECTION_CLASS = "08";

    private TransientDatabaseFailure() {
    }

    /** Whether {@code failure}, or anything in its cause chain, says the database could not be reached. */
    public static boolean isTransient(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                if (isConnectionFailure(sql)) {
                    return true;
                }
                for (SQLException next = sql.getNextException(); next != null
                        && seen.put(next, Boolean.TRUE) == null; next = next.getNextException()) {
                    if (isConnectionFailure(next)) {
                        return true;
                    }
                }
            } else if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            return state.startsWith(CONNECTION_CLASS) || SHUTDOWN_STATES.contains(state);
        }
        // Without a state: the JDBC subclasses for connection trouble, and the pool's acquisition timeout (Agroal
        // throws a plain SQLException for it, with the TimeoutException as cause when it has one).
        return e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || e.getCause() instanceof TimeoutException
                || (e.getMessage() != null && e.getMessage().toLowerCase().contains("acquisition timeout"));
    }
}
