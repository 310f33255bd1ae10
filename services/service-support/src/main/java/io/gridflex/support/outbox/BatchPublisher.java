package io.gridflex.support.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends outbox rows to one Kafka channel, each under its key, and reports which ones Kafka acknowledged. */
public final class BatchPublisher implements AutoCloseable {

    private final RecordSender sender;

    public BatchPublisher(RecordSender sender) {
        this.sender = sender;
    }

    /**
     * Sends the rows together and waits, up to {@code timeout} in all, for each acknowledgement in order. Stops at the
     * first row Kafka did not take, so the ones after it are retried with it and a consumer never sees a newer
     * revision published well before an older one.
     */
    public <R extends OutboxRow> Result<R> publish(List<R> rows, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CompletableFuture<Void>> sends = new ArrayList<>(rows.size());
        for (R row : rows) {
            try {
                sends.add(sender.send(row.key(), row.payload()));
            } catch (RuntimeException e) {
                // Refused outright (a full buffer, a channel that is down, no metadata within max.block.ms): the rows
                // after it would only wait as long again, and are retried with it on the next round.
                sends.add(CompletableFuture.failedFuture(e));
                break;
            }
        }
        List<R> acknowledged = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(rows.get(i));
            } catch (ExecutionException e) {
                return new Result<>(acknowledged, e.getCause());
            } catch (TimeoutException e) {
                return new Result<>(acknowledged, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result<>(acknowledged, e);
            }
        }
        return new Result<>(acknowledged, null);
    }

    /** Closes the sender when it owns a producer ({@link RenewingSender}). */
    @Override
    public void close() {
        if (sender instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the Kafka sender", e);
            }
        }
    }

    /**
     * @param acknowledged the rows Kafka acknowledged, a prefix of those sent
     * @param failure why the next one was not, or null when all were
     */
    public record Result<R>(List<R> acknowledged, Throwable failure) {
    }
}
