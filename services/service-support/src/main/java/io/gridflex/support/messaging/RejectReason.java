package io.gridflex.support.messaging;

/**
 * Why a consumed message was turned down: the one vocabulary of every service, so an operator alerts on a reason the
 * same way whichever service counted it. {@link #tag()} is the {@code reason} tag of
 * {@value MessageRejections#METRIC}.
 */
public enum RejectReason {

    /** Not JSON, not what the message's schema allows, or not a possible value (an interval ending before it starts). */
    INVALID("invalid"),
    /** Contradicts itself, e.g. keyed by one site about another, or a shed that is not its events' sum. */
    INCONSISTENT("inconsistent"),
    /** Names a site other than the one whose own topic carried it: only that site may write there. */
    WRONG_CHANNEL("wrong-channel"),
    /** Already held, with the same content. */
    DUPLICATE("duplicate"),
    /** Already held with other content (the same revision or interval says something else); what is held stands. */
    CONFLICT("conflict"),
    /** Older than what is already held (a lower modification number, an earlier interval). */
    OUT_OF_ORDER("out-of-order"),
    /** Dated too far ahead of this service's clock to be trusted. */
    FROM_THE_FUTURE("from-the-future"),
    /** Possible, but beyond what any site can do (an interval of days, megawatts a site cannot draw). */
    IMPLAUSIBLE("implausible"),
    /** From or about a site this service does not know. */
    UNKNOWN_SITE("unknown-site"),
    /** About a schedule revision that was never issued. */
    UNKNOWN_SCHEDULE("unknown-schedule"),
    /** For a program this service does not know. */
    UNKNOWN_PROGRAM("unknown-program");

    private final String tag;

    RejectReason(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
