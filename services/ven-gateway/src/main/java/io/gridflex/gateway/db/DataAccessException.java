package io.gridflex.gateway.db;

import java.sql.SQLException;

/** A database failure, unchecked so it can cross functional interfaces; the SQL state is kept in the cause. */
public class DataAccessException extends RuntimeException {

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
