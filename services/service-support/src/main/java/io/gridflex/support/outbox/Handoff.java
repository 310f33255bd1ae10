package io.gridflex.support.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The rows one transaction writes to an outbox, handed to its relay so that they go to Kafka as soon as the
 * transaction commits, without the relay reading them back from the table first.
 * <p>
 * Open one with {@link OutboxRelay#handoff()} before the transaction, {@link #add} each row inside it right after
 * writing it, and call {@link #committed()} once the transaction committed. Closing it without that abandons it (the
 * transaction rolled back, or its outcome is unknown): whatever did commit then goes out on the relay's next round
 * from the table, as it always would. The table stays the record: a handoff only saves the relay a query.
 * <p>
 * The relay sends handed rows in the order handoffs took their first row, and none before the handoffs ahead of it
 * settled. A transaction that adds its row while holding the lock that orders it after earlier transactions on the
 * same key (an event's row, say) therefore has its row sent after theirs, as the table's order would have it. A
 * service that hands rows over hands over every row it writes: a row written without a handoff waits for the relay's
 * next round, and a newer row of its key could go before it.
 */
public final class Handoff<R extends OutboxRow> implements AutoCloseable {

    enum State {
        OPEN, COMMITTED, ABANDONED
    }

    private final OutboxRelay<R> relay;
    private final CompletableFuture<Void> relayed = new CompletableFuture<>();
    private final List<R> rows = new ArrayList<>();
    private State state = State.OPEN;
    private boolean queued;

    Handoff(OutboxRelay<R> relay) {
        this.relay = relay;
    }

    /** A row the transaction wrote, as the table holds it (with its id). */
    public synchronized void add(R row) {
        if (state != State.OPEN) {
            throw new IllegalStateException("a handoff takes rows only before it is committed or closed");
        }
        rows.add(row);
        if (!queued) {
            queued = relay.queue(this);
        }
    }

    /** The transaction committed: its rows may go. */
    public void committed() {
        settle(State.COMMITTED);
    }

    /** Abandons the handoff unless it was committed: its rows wait for the relay's next round from the table. */
    @Override
    public void close() {
        settle(State.ABANDONED);
    }

    /**
     * Completes once the relay is done with these rows: Kafka acknowledged them, or the attempt failed and they wait
     * in the table, or they were left to the relay's next round (abandoned, or the relay does not run). For work that
     * should not compete with the rows' way to Kafka (an answer that can wait a moment), never as proof that they
     * were published.
     */
    public CompletableFuture<Void> relayed() {
        return relayed;
    }

    private void settle(State outcome) {
        boolean tell;
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = outcome;
            tell = queued;
        }
        if (tell) {
            relay.settled(outcome == State.ABANDONED);
        }
        if (!tell || outcome == State.ABANDONED) {
            relayed.complete(null);
        }
    }

    /** The relay finished with the rows, whatever became of them. */
    void done() {
        relayed.complete(null);
    }

    synchronized State state() {
        return state;
    }

    synchronized List<R> rows() {
        return List.copyOf(rows);
    }
}
