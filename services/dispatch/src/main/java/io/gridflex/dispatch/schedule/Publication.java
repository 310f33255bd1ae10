package io.gridflex.dispatch.schedule;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.status.PendingStatus;
import io.gridflex.support.outbox.OutboxRelay;

/**
 * Wakes the relays after a transaction that wrote schedules or status reports committed, so they go out at once
 * rather than at the relays' next tick.
 */
@ApplicationScoped
public class Publication {

    private final OutboxRelay<PendingSchedule> schedules;
    private final OutboxRelay<PendingStatus> statuses;

    public Publication(OutboxRelay<PendingSchedule> schedules, OutboxRelay<PendingStatus> statuses) {
        this.schedules = schedules;
        this.statuses = statuses;
    }

    public void wake() {
        schedules.wake();
        statuses.wake();
    }
}
