package io.gridflex.gateway.vtn;

/**
 * The VTN could not be reached or did not answer with HTTP 200 and a body: a transport problem, retried later, as
 * opposed to an OpenADR refusal, which arrives as a readable message with a response code.
 */
public class VtnUnavailableException extends RuntimeException {

    public VtnUnavailableException(String message) {
        super(message);
    }

    public VtnUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
