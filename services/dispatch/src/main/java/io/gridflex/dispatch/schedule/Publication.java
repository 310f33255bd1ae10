package io.gridflex.dispatch.schedule;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.status.PendingStatus;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.outbox.Handoff;
import io.gridflex.support.outbox.OutboxRelay;

/**
 * Gets what a transaction wrote to the outboxes on its way to Kafka once it commits.
 * <p>
 * A transaction that may issue schedules runs through {@link #inTransaction}: the schedules it writes are handed to
 * the schedule relay ({@link Handoff}), which sends them as soon as the commit returns, without reading the 1,000 rows
 * of a large event back from the table. Every schedule is issued under the allocation lock, so the handoffs take
 * their place in the relay's order in commit order, and a site's revisions go out in the order they were issued. The
 * outbox stays the record: a schedule a handoff could not send goes on the relay's next round from the table.
 * Status reports are fewer and less urgent: the status relay is woken after the commit.
 */
@ApplicationScoped
public class Publication {

    private final OutboxRelay<PendingSchedule> schedules;
    private final OutboxRelay<PendingStatus> statuses;
    private final Transactions transactions;
    /** The handoff of the transaction {@link #inTransaction} runs on this thread. */
    private final ThreadLocal<Handoff<PendingSchedule>> current = new ThreadLocal<>();

    public Publication(OutboxRelay<PendingSchedule> schedules, OutboxRelay<PendingStatus> statuses,
            Transactions transactions) {
        this.schedules = schedules;
        this.statuses = statuses;
        this.transactions = transactions;
    }

    /**
     * Runs the work in one transaction, then publishes the schedules and status reports it wrote.
     *
     * @throws IllegalStateException when called within another such transaction
     */
    public <T> T inTransaction(Transactions.Work<T> work) {
        if (current.get() != null) {
            throw new IllegalStateException("a publishing transaction is already running on this thread");
        }
        try (Handoff<PendingSchedule> handoff = schedules.handoff()) {
            current.set(handoff);
            T result;
            try {
                result = transactions.inTransaction(work);
            } finally {
                current.remove();
            }
            handoff.committed();
            statuses.wake();
            return result;
        }
    }

    /**
     * Schedules the current transaction wrote. Outside {@link #inTransaction} (a test issuing schedules on a
     * connection of its own) they wait for the relay's next round, or a {@link #wake()}.
     */
    void hand(List<PendingSchedule> rows) {
        Handoff<PendingSchedule> handoff = current.get();
        if (handoff != null) {
            rows.forEach(handoff::add);
        }
    }

    /** Asks both relays for a round now, after a transaction that did not run through {@link #inTransaction}. */
    public void wake() {
        schedules.wake();
        statuses.wake();
    }
}
