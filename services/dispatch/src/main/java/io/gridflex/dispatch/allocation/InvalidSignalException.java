package io.gridflex.dispatch.allocation;

/** A signal value dispatch cannot turn into kW: a level out of range, a percentage over 100, a foreign currency. */
public class InvalidSignalException extends RuntimeException {

    public InvalidSignalException(String message) {
        super(message);
    }
}
