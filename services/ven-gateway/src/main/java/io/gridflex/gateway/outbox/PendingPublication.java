package io.gridflex.gateway.outbox;

import java.time.Instant;

/** An outbox row not yet acknowledged by Kafka: the DrEvent JSON, keyed by its eventId. */
public record PendingPublication(long id, String eventId, long modificationNumber, String payload,
        Instant createdAt) {
}
