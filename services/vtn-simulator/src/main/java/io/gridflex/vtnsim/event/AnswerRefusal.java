package io.gridflex.vtnsim.event;

/** Why a VEN's answers to events were refused; nothing of the refused batch is recorded. */
public record AnswerRefusal(Reason reason, String eventId, String detail) {

    public enum Reason {
        /** No such event. */
        UNKNOWN_EVENT,
        /** The event exists but was not sent to this VEN. */
        NOT_TARGETED,
        /** The answer refers to a modification other than the current one. */
        WRONG_MODIFICATION
    }
}
