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

    /** The settled handoffs at the head, up to the first still open, which stays with those behind it. */
    Settled<R> takeSettled() {
        boolean anyAbandoned = abandoned.getAndSet(false);
        List<Handoff<R>> settled = new ArrayList<>();
        for (Handoff<R> head = queue.peek(); head != null && head.state() != Handoff.State.OPEN; head = queue.peek()) {
            settled.add(queue.poll());
        }
        return new Settled<>(settled, anyAbandoned);
    }

    /** Empties the queue, returning what it held. */
    List<Handoff<R>> clear() {
        List<Handoff<R>> held = new ArrayList<>();
        for (Handoff<R> handoff = queue.poll(); handoff != null; handoff = queue.poll()) {
            held.add(handoff);
        }
        return held;
    }

    /**
     * @param handoffs the handoffs taken, committed or abandoned, in order
     * @param anyAbandoned whether a handoff was abandoned since the last take: its rows may have committed after all
     */
    record Settled<R extends OutboxRow>(List<Handoff<R>> handoffs, boolean anyAbandoned) {

        /** The rows of the committed ones, in order. */
        List<R> committedRows() {
            List<R> rows = new ArrayList<>();
            handoffs.stream().filter(h -> h.state() == Handoff.State.COMMITTED).forEach(h -> rows.addAll(h.rows()));
            return rows;
        }

        /** Tells each taken handoff that the relay is done with it. */
        void done() {
            handoffs.forEach(Handoff::done);
        }
    }
}
