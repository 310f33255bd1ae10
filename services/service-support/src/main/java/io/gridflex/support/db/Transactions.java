package io.gridflex.support.db;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

/**
 * Runs a unit of work on one connection inside one local database transaction: committed when the work returns,
 * rolled back when it throws. Whatever a service must record together (an event revision and its outbox rows, say)
 * goes through here.
 */
@Singleton
public class Transactions {

    private final DataSource dataSource;

    /**
     * The data source is looked up rather than injected: services without a database use this library too, and CDI
     * refuses an unsatisfied injection point even in a bean nobody uses.
     */
    public Transactions(Instance<DataSource> dataSource) {
        this.dataSource = dataSource.get();
    }

    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Reads that need no transaction of their own. */
    public <T> T read(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Work done on one connection. */
    @FunctionalInterface
    public interface Work<T> {

        T run(Connection connection) throws SQLException;
    }
}
