package io.gridflex.support.db;

import java.sql.SQLException;

/**
 * A database call failed; the transaction it was part of has been rolled back. Unchecked so it can cross functional
 * interfaces; the SQL state is kept in the cause. It is not the caller's fault, so nothing maps it to a 4xx.
 */
public class DataAccessException extends RuntimeException {

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
