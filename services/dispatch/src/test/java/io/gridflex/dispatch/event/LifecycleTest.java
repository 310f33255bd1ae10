package io.gridflex.dispatch.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.DispatchStatus.State;

class LifecycleTest {

    private static final Instant START = Instant.parse("2026-12-02T17:00:00Z");
    private static final Instant END = START.plusSeconds(3600);

    @Test
    void anAllocatedEventIsScheduledBeforeItsStartActiveDuringItAndCompletedAfter() {
        assertThat(Lifecycle.afterAllocation(EventOutcome.ALLOCATED, START, END, START.minusSeconds(1)))
                .isEqualTo(State.SCHEDULED);
        assertThat(Lifecycle.afterAllocation(EventOutcome.ALLOCATED, START, END, START)).isEqualTo(State.ACTIVE);
        assertThat(Lifecycle.afterAllocation(EventOutcome.ALLOCATED, START, END, END)).isEqualTo(State.COMPLETED);
    }

    @Test
    void cancelledAndCompletedAreFinalAndRefusedEventsStayReceived() {
        assertThat(Lifecycle.afterAllocation(EventOutcome.CANCELLED, START, END, START)).isEqualTo(State.CANCELLED);
        assertThat(Lifecycle.afterAllocation(EventOutcome.COMPLETED, START, END, START)).isEqualTo(State.COMPLETED);
        assertThat(Lifecycle.afterAllocation(EventOutcome.UNKNOWN_PROGRAM, START, END, START.minusSeconds(1)))
                .isEqualTo(State.RECEIVED);
        assertThat(Lifecycle.byClock(State.CANCELLED, START, END, END.plusSeconds(1))).isEqualTo(State.CANCELLED);
        assertThat(Lifecycle.byClock(State.NOTIFIED, START, END, START.plusSeconds(1))).isEqualTo(State.ACTIVE);
        assertThat(Lifecycle.byClock(State.NOTIFIED, START, END, START.minusSeconds(1))).isEqualTo(State.NOTIFIED);
    }
}
