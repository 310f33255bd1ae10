package io.gridflex.gateway.tls;

/**
 * TLS towards a VTN cannot be set up as configured. The message names the configuration key and, for a file, its path,
 * so an operator can fix the deployment from the log line alone.
 */
public class TlsSetupException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public TlsSetupException(String message) {
        super(message);
    }

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
