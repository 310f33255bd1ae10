package io.gridflex.dispatch.schedule;

import java.time.Instant;

import io.gridflex.support.outbox.OutboxRow;

/**
 * A schedule waiting in the outbox.
 *
 * @param seq its place in the outbox
 * @param siteId the Kafka key
 * @param revision its revision for the site
 * @param payload the SiteSchedule JSON to publish
 * @param issuedAt when it was written, to measure the relay's delay
 */
public record PendingSchedule(long seq, String siteId, long revision, String payload, Instant issuedAt)
        implements
            OutboxRow {

    @Override
    public long id() {
        return seq;
    }

    @Override
    public String key() {
        return siteId;
    }

    @Override
    public Instant queuedAt() {
        return issuedAt;
    }
}
