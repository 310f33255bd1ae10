package io.gridflex.dispatch.messaging;

/** Why a consumed message was turned down; {@link #tag()} is the {@code reason} tag of the rejection counter. */
public enum RejectReason {

    /** Not JSON, or not what the message's schema allows. */
    INVALID("invalid"),
    /** Already processed. */
    DUPLICATE("duplicate"),
    /** Older than what dispatch already holds. */
    OUT_OF_ORDER("out-of-order"),
    /** Refers to a command dispatch never issued. */
    UNKNOWN_COMMAND("unknown-command"),
    /** Contradicts what dispatch holds, e.g. an ack from a site the command was not for. */
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
