package io.gridflex.siteagent.link;

import java.time.Instant;

/**
 * One record of the link journal.
 *
 * @param sequence its place in the journal: every record has the next number, across segments and restarts
 * @param appendedAt when it was appended (the agent's clock), for the age bound
 * @param next where the record after it starts, so the cursor can move past it without reading again
 */
public record JournalRecord(long sequence, LinkChannel channel, String key, String value, Instant appendedAt,
        Position next) {

    /** A place in the journal: an offset in the segment whose first record has sequence {@code segment}. */
    public record Position(long segment, long offset) {
    }
}
