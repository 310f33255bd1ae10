package io.gridflex.dispatch.event;

/**
 * What became of one DrEvent message.
 *
 * @param kind whether it was a new revision
 * @param heldRevision the modification number stored before this message
 * @param result what the new revision's allocation did; null unless {@code kind} is NEW_REVISION
 */
public record Handling(Kind kind, long heldRevision, AllocationResult result) {

    public enum Kind {
        NEW_REVISION, DUPLICATE, OUT_OF_ORDER
    }

    static Handling newRevision(AllocationResult result) {
        return new Handling(Kind.NEW_REVISION, -1, result);
    }
}
