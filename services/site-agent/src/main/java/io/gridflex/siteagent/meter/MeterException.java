package io.gridflex.siteagent.meter;

/** The meter could not be read: no connection, a timeout, a Modbus exception code, or a value that is no number. */
public class MeterException extends Exception {

    public MeterException(String message, Throwable cause) {
        super(message, cause);
    }

    public MeterException(String message) {
        super(message);
    }
}
