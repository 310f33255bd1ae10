package io.gridflex.support.outbox;

import java.time.Instant;

/** A row waiting in an outbox: the Kafka record it becomes, and when it was written. */
public interface OutboxRow {

    /** The row's identity in its outbox table (its generated key). */
    long id();

    /** The Kafka key, which decides the partition and so the order consumers see. */
    String key();

    /** The message JSON, exactly as it was written with the change it announces. */
    String payload();

    /** When the row was written, to measure how long it waited for Kafka. */
    Instant queuedAt();
}
