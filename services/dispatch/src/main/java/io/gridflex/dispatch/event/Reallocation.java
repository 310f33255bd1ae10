package io.gridflex.dispatch.event;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.DispatchMetrics;
import io.gridflex.dispatch.schedule.PieceRepository;
import io.gridflex.dispatch.schedule.SitePiece;
import io.gridflex.messages.DispatchStatus.State;
import io.gridflex.messages.ScheduleSegment.Kind;

/**
 * Re-allocates events when what sites can do changes: a site falls short, an operator overrides it, its registration
 * changes. Within the caller's transaction, which holds the allocation lock. Events are taken in priority order
 * (then oldest first), so the most important keep their sites.
 */
@ApplicationScoped
public class Reallocation {

    private final EventRepository events;
    private final PieceRepository pieces;
    private final EventService service;
    private final DispatchMetrics metrics;

    public Reallocation(EventRepository events, PieceRepository pieces, EventService service,
            DispatchMetrics metrics) {
        this.events = events;
        this.pieces = pieces;
        this.service = service;
        this.metrics = metrics;
    }

    /** Every event that asks something of these sites from now on. */
    public List<AllocationResult> atSites(Connection connection, Collection<String> siteIds, Instant now,
            String reason) throws SQLException {
        TreeSet<String> eventIds = new TreeSet<>();
        for (SitePiece piece : pieces.forSites(connection, siteIds, now)) {
            if (piece.kind() != Kind.OVERRIDE) {
                eventIds.add(piece.eventId());
            }
        }
        return reallocate(connection, events.findAll(connection, eventIds), reason, now);
    }

    /** Every open event that could not be allocated in full: sites may have headroom now. */
    public List<AllocationResult> shortEvents(Connection connection, Instant now, String reason) throws SQLException {
        List<StoredEvent> open = events.open(connection).stream()
                .filter(e -> e.outcome() == EventOutcome.ALLOCATED && e.shortfallKw().signum() > 0)
                .toList();
        return reallocate(connection, open, reason, now);
    }

    private List<AllocationResult> reallocate(Connection connection, List<StoredEvent> candidates, String reason,
            Instant now) throws SQLException {
        List<AllocationResult> results = new ArrayList<>();
        for (StoredEvent event : candidates) {
            if (event.state() == State.COMPLETED || event.state() == State.CANCELLED) {
                continue;
            }
            AllocationResult result = service.reallocate(connection, event, reason, now);
            metrics.reallocated(tag(reason), result);
            results.add(result);
        }
        return results;
    }

    /** A short, bounded tag for the metric, from the reason's first word. */
    private static String tag(String reason) {
        int space = reason.indexOf(' ');
        return (space < 0 ? reason : reason.substring(0, space)).toLowerCase(java.util.Locale.ROOT);
    }
}
