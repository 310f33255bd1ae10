package io.gridflex.messages;

/** A message that is not JSON, or not the JSON its schema allows. The message says exactly what is wrong. */
public class InvalidMessageException extends RuntimeException {

    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
