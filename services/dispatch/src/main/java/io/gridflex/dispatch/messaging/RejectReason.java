package io.gridflex.dispatch.messaging;

/** Why a consumed message was turned down; {@link #tag()} is the {@code reason} tag of the rejection counter. */
public enum RejectReason {

    /** Not JSON, or not what the message's schema allows. */
    INVALID("invalid"),
    /** Already processed. */
    DUPLICATE("duplicate"),
    /** Older than what dispatch already holds. */
    OUT_OF_ORDER("out-of-order"),
    /** Refers to a schedule revision dispatch never issued. */
    UNKNOWN_SCHEDULE("unknown-schedule"),
    /** From or about a site the fleet registry does not hold. */
    UNKNOWN_SITE("unknown-site"),
    /** For a program the fleet registry does not hold, or from a VTN the program does not use. */
    UNKNOWN_PROGRAM("unknown-program"),
    /** Contradicts itself or what dispatch holds, e.g. a record keyed by one site about another. */
    INCONSISTENT("inconsistent"),
    /** Dated too far in the future to be trusted. */
    FROM_THE_FUTURE("from-the-future");

    private final String tag;

    RejectReason(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
