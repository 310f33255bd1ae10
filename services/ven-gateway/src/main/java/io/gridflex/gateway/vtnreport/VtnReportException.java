package io.gridflex.gateway.vtnreport;

/** The VTN refused, could not be reached, or answered what cannot be read. */
public class VtnReportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VtnReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
