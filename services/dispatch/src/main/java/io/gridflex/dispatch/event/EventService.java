package io.gridflex.dispatch.event;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.DispatchMetrics;
import io.gridflex.dispatch.db.AllocationLock;
import io.gridflex.dispatch.schedule.Publication;
import io.gridflex.dispatch.timeline.Timeline;
import io.gridflex.dispatch.timeline.TimelineKind;
import io.gridflex.messages.DispatchStatus.State;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.MessageCodec;

/**
 * Turns DR event revisions into schedules. The revision, its allocation, the schedules it changes, its timeline and
 * its status report are written in one transaction: the schedules table is the outbox, so a revision is either
 * recorded with everything it implies or not at all, and the relays publish whatever was committed.
 */
@ApplicationScoped
public class EventService {

    private final EventRepository events;
    private final ProgramCheck programCheck;
    private final EventAllocator allocator;
    private final EventStates states;
    private final Notifications notifications;
    private final Timeline timeline;
    private final Publication publication;
    private final DispatchMetrics metrics;
    private final MessageCodec codec;
    private final Clock clock;

    public EventService(EventRepository events, ProgramCheck programCheck, EventAllocator allocator,
            EventStates states, Notifications notifications, Timeline timeline, Publication publication,
            DispatchMetrics metrics, MessageCodec codec, Clock clock) {
        this.events = events;
        this.programCheck = programCheck;
        this.allocator = allocator;
        this.states = states;
        this.notifications = notifications;
        this.timeline = timeline;
        this.publication = publication;
        this.metrics = metrics;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * Processes one event message. A modification number equal to the stored one is a duplicate and one below it is
     * out of order: both leave everything as it was, so the same event delivered twice, late, or again after a
     * restart yields the same schedules.
     *
     * @param payload the message as received, stored with the revision
     */
    public Handling handle(DrEvent event, String payload, EventSource source) {
        long started = System.nanoTime();
        Handling handling = publication.inTransaction(connection -> {
            Instant now = clock.instant();
            AllocationLock.acquire(connection);
            OptionalLong held = events.lockRevision(connection, event.eventId());
            if (held.isPresent() && held.getAsLong() == event.modificationNumber()) {
                return new Handling(Handling.Kind.DUPLICATE, held.getAsLong(), null);
            }
            if (held.isPresent() && held.getAsLong() > event.modificationNumber()) {
                return new Handling(Handling.Kind.OUT_OF_ORDER, held.getAsLong(), null);
            }
            Refusal refusal = source == EventSource.VTN ? programCheck.check(connection, event) : null;
            if (!events.saveRevision(connection, event, source, payload, now)) {
                throw new ConcurrentRevisionException(event.eventId());
            }
            timeline.append(connection, event.eventId(), now, TimelineKind.RECEIVED, null, describe(event), null);
            return Handling.newRevision(allocate(connection, event, refusal, now,
                    "revision " + event.modificationNumber()));
        });
        if (handling.kind() == Handling.Kind.NEW_REVISION) {
            metrics.revisionHandled(handling.result(), System.nanoTime() - started);
        }
        return handling;
    }

    /**
     * Allocates the event's latest revision again, from now on, as the closed loop, an override or a registry change
     * asks; within the caller's transaction, which holds the allocation lock, and at the caller's "now" (one instant per
     * transaction, so every edge it cuts lines up).
     */
    public AllocationResult reallocate(Connection connection, StoredEvent event, String why, Instant now)
            throws SQLException {
        DrEvent payload = codec.decode(DrEvent.class, event.payload());
        Refusal refusal = event.source() == EventSource.VTN ? programCheck.check(connection, payload) : null;
        return allocate(connection, payload, refusal, now, why);
    }

    private AllocationResult allocate(Connection connection, DrEvent event, Refusal refusal, Instant now, String why)
            throws SQLException {
        StoredEvent stored = events.find(connection, event.eventId()).orElseThrow();
        AllocationResult result = allocator.allocate(connection, stored, event, refusal, now, why);
        State state = Lifecycle.afterAllocation(result.outcome(), event.start(), event.end(), now);
        if (state == State.SCHEDULED && !result.allocation().pieces().isEmpty()
                && notifications.allAccepted(connection, event.eventId())) {
            state = State.NOTIFIED;
        }
        states.moveTo(connection, event.eventId(), state, now, why);
        states.report(connection, event.eventId(), now);
        return result;
    }

    private static String describe(DrEvent event) {
        return "revision %d: %s %s from %s to %s, %d intervals, peak %s%s%s".formatted(event.modificationNumber(),
                event.status(), event.signal(), event.start(), event.end(), event.intervals().size(),
                event.peakValue().toPlainString(), event.testEvent() ? ", test event" : "",
                event.targets().wholeProgram() ? "" : ", targets " + event.targets());
    }
}
