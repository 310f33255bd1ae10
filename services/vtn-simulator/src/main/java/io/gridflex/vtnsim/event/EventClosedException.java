package io.gridflex.vtnsim.event;

/** A change to an event that is cancelled or over: VENs have already been told its final state. */
public class EventClosedException extends RuntimeException {

    public EventClosedException(String message) {
        super(message);
    }
}
