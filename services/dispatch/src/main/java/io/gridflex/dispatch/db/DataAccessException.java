package io.gridflex.dispatch.db;

import java.sql.SQLException;

/** A database call failed; the transaction it was part of has been rolled back. */
public class DataAccessException extends RuntimeException {

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
