package io.gridflex.dispatch.status;

import java.time.Instant;

import io.gridflex.support.outbox.OutboxRow;

/**
 * A DispatchStatus waiting in the outbox.
 *
 * @param statusId its row
 * @param eventId the Kafka key
 * @param payload the DispatchStatus JSON
 * @param createdAt when it was written
 */
public record PendingStatus(long statusId, String eventId, String payload, Instant createdAt) implements OutboxRow {

    @Override
    public long id() {
        return statusId;
    }

    @Override
    public String key() {
        return eventId;
    }

    @Override
    public Instant queuedAt() {
        return createdAt;
    }
}
