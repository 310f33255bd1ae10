package io.gridflex.gateway.outbox;

import java.time.Instant;

import io.gridflex.support.outbox.OutboxRow;

/** An outbox row not yet acknowledged by Kafka: the DrEvent JSON, keyed by its eventId. */
public record PendingPublication(long id, String eventId, long modificationNumber, String payload,
        Instant createdAt) implements OutboxRow {

    @Override
    public String key() {
        return eventId;
    }

    @Override
    public Instant queuedAt() {
        return createdAt;
    }
}
