package io.gridflex.dispatch.operator;

/** What an operator's override does to a site until it expires. */
public enum OverrideKind {
    /** Hold {@code kw} off (all the site can, when no kW is given), whatever events ask. */
    SHED,
    /** Shed nothing: events' shares move to other sites, the site restores. */
    HOLD,
    /** Shed at most {@code kw}, all events together. */
    LIMIT
}
