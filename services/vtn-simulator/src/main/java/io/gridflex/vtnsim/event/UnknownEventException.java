package io.gridflex.vtnsim.event;

public class UnknownEventException extends RuntimeException {

    public UnknownEventException(String eventId) {
        super("No event " + eventId);
    }
}
