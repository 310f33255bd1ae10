package io.gridflex.dispatch.event;

/** Another writer stored a revision of the same event between our check and our write; the transaction is undone. */
public class ConcurrentRevisionException extends RuntimeException {

    public ConcurrentRevisionException(String eventId) {
        super("event " + eventId + " was revised concurrently");
    }
}
