package io.gridflex.dispatch.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.event.EventRepository;
import io.gridflex.dispatch.event.EventStates;
import io.gridflex.dispatch.event.Notifications;
import io.gridflex.dispatch.event.StoredEvent;
import io.gridflex.dispatch.timeline.Timeline;
import io.gridflex.dispatch.timeline.TimelineKind;
import io.gridflex.messages.DispatchStatus.State;
import io.gridflex.messages.ScheduleAck;
import io.gridflex.support.db.Transactions;

/**
 * Records what sites did with their schedules, puts each step on the timelines of the events it concerns, and moves
 * an event to NOTIFIED once every site it asks something of has accepted its schedule.
 */
@ApplicationScoped
public class AckService {

    private final ScheduleRepository schedules;
    private final AckRepository acks;
    private final Notifications notifications;
    private final EventRepository events;
    private final EventStates states;
    private final Timeline timeline;
    private final Transactions transactions;
    private final Publication publication;
    private final Clock clock;

    public AckService(ScheduleRepository schedules, AckRepository acks, Notifications notifications,
            EventRepository events, EventStates states, Timeline timeline, Transactions transactions,
            Publication publication, Clock clock) {
        this.schedules = schedules;
        this.acks = acks;
        this.notifications = notifications;
        this.events = events;
        this.states = states;
        this.timeline = timeline;
        this.transactions = transactions;
        this.publication = publication;
        this.clock = clock;
    }

    public AckOutcome record(ScheduleAck ack) {
        AckOutcome outcome = transactions.inTransaction(connection -> {
            if (!schedules.wasIssued(connection, ack.siteId(), ack.revision())) {
                return AckOutcome.UNKNOWN_SCHEDULE;
            }
            Instant now = clock.instant();
            if (!acks.insert(connection, ack, now)) {
                return AckOutcome.DUPLICATE;
            }
            switch (ack.status()) {
                case ACCEPTED -> accepted(connection, ack, now);
                case REJECTED -> onTimelines(connection, ack,
                        notifications.carriedBetween(connection, ack.siteId(), ack.revision() - 1, ack.revision()));
                default -> onTimelines(connection, ack, ack.eventIds());
            }
            return AckOutcome.RECORDED;
        });
        if (outcome == AckOutcome.RECORDED && ack.status() == ScheduleAck.Status.ACCEPTED) {
            publication.wake();
        }
        return outcome;
    }

    private void accepted(Connection connection, ScheduleAck ack, Instant now) throws SQLException {
        Optional<Long> before = schedules.accepted(connection, ack.siteId(), ack.revision());
        if (before.isEmpty()) {
            return;
        }
        List<String> eventIds = notifications.carriedBetween(connection, ack.siteId(), before.get(), ack.revision());
        onTimelines(connection, ack, eventIds);
        for (String eventId : eventIds) {
            StoredEvent event = events.find(connection, eventId).orElse(null);
            if (event != null && event.state() == State.SCHEDULED && notifications.allAccepted(connection, eventId)
                    && states.moveTo(connection, eventId, State.NOTIFIED, now, "every site accepted its schedule")) {
                states.report(connection, eventId, now);
            }
        }
    }

    private void onTimelines(Connection connection, ScheduleAck ack, List<String> eventIds) throws SQLException {
        if (eventIds.isEmpty()) {
            return;
        }
        String summary = "%s %s revision %d%s: %.1f of %.1f kW%s".formatted(ack.siteId(), ack.status(),
                ack.revision(), ack.segmentStart() == null ? "" : " segment " + ack.segmentStart(), ack.shedKw(),
                ack.targetKw(), ack.reason() == null ? "" : " (" + ack.reason() + ")");
        Map<String, Object> detail = Map.of("revision", ack.revision(), "status", ack.status(), "shedKw",
                ack.shedKw(), "targetKw", ack.targetKw(), "at", ack.at());
        for (String eventId : eventIds) {
            if (events.find(connection, eventId).isPresent()) {
                timeline.append(connection, eventId, ack.at(), TimelineKind.ACKNOWLEDGED, ack.siteId(), summary,
                        detail);
            }
        }
    }
}
