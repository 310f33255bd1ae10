package io.gridflex.dispatch.event;

/**
 * What became of one DrEvent message.
 *
 * @param kind whether it was a new revision
 * @param heldRevision the modification number stored before this message
 * @param plan what was recorded and issued; null unless {@code kind} is NEW_REVISION
 */
public record Handling(Kind kind, long heldRevision, RevisionPlan plan) {

    public enum Kind {
        NEW_REVISION, DUPLICATE, OUT_OF_ORDER
    }

    static Handling newRevision(RevisionPlan plan) {
        return new Handling(Kind.NEW_REVISION, -1, plan);
    }
}
