package io.gridflex.support.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/** A relay's handoffs in the order they took their first row; taken from the head as they settle. */
final class HandoffQueue<R extends OutboxRow> {

    private final Queue<Handoff<R>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean abandoned = new AtomicBoolean();

    void add(Handoff<R> handoff) {
        queue.add(handoff);
    }

    /** A queued handoff settled; an abandoned one is remembered until the next {@link #takeSettled()}. */
    void settled(boolean abandonedOne) {
        if (abandonedOne) {
            abandoned.set(true);
        }
    }

    /** The rows of the committed handoffs at the head, up to the first still open, which stays with those behind it. */
    Settled<R> takeSettled() {
        boolean anyAbandoned = abandoned.getAndSet(false);
        List<R> committed = new ArrayList<>();
        for (Handoff<R> head = queue.peek(); head != null && head.state() != Handoff.State.OPEN; head = queue.peek()) {
            queue.poll();
            if (head.state() == Handoff.State.COMMITTED) {
                committed.addAll(head.rows());
            }
        }
        return new Settled<>(committed, anyAbandoned);
    }

    void clear() {
        queue.clear();
    }

    /**
     * @param committed the committed rows, in order
     * @param anyAbandoned whether a handoff was abandoned since the last take: its rows may have committed after all
     */
    record Settled<R>(List<R> committed, boolean anyAbandoned) {
    }
}
