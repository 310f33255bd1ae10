package io.gridflex.support.outbox;

import java.util.concurrent.CompletableFuture;

/**
 * Hands one keyed record to Kafka and completes when Kafka acknowledged it (or fails when it did not). A send that
 * Kafka refuses outright (a full buffer, a closed producer) may throw instead. Services send with a
 * {@link RenewingSender}.
 */
@FunctionalInterface
public interface RecordSender {

    CompletableFuture<Void> send(String key, String payload);
}
