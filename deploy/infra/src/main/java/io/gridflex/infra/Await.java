package io.gridflex.infra;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for a server to become ready, failing early with its log when its process dies. */
final class Await {

    private Await() {
    }

    static void ready(String what, ChildProcess process, Duration timeout, BooleanSupplier probe) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            process.requireAlive();
            if (probe.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
        String tail = process.tail(40);
        process.close();
        throw new IllegalStateException(what + " not ready after " + timeout + "; last log lines:\n" + tail);
    }
}
