package io.gridflex.dispatch.command;

import java.time.Instant;

import io.gridflex.support.outbox.OutboxRow;

/**
 * A command waiting in the outbox.
 *
 * @param commandId its id
 * @param siteId the Kafka key
 * @param payload the SiteCommand JSON to publish
 * @param issuedAt when it was written, to measure the relay's delay
 */
public record PendingCommand(String commandId, String siteId, String payload, Instant issuedAt) implements OutboxRow {

    @Override
    public String key() {
        return siteId;
    }

    @Override
    public Instant queuedAt() {
        return issuedAt;
    }
}
