package io.gridflex.dispatch.event;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.DispatchConfig;
import io.gridflex.dispatch.allocation.Candidate;
import io.gridflex.dispatch.allocation.DeciKw;
import io.gridflex.dispatch.allocation.EventAllocation;
import io.gridflex.dispatch.allocation.EventRequest;
import io.gridflex.dispatch.allocation.InvalidSignalException;
import io.gridflex.dispatch.allocation.MeritOrderAllocator;
import io.gridflex.dispatch.allocation.Piece;
import io.gridflex.dispatch.allocation.ProgramTerms;
import io.gridflex.dispatch.fleet.CandidateFactory;
import io.gridflex.dispatch.fleet.FleetSite;
import io.gridflex.dispatch.fleet.FleetView;
import io.gridflex.dispatch.registry.Program;
import io.gridflex.dispatch.registry.ProgramRepository;
import io.gridflex.dispatch.schedule.PieceChanges;
import io.gridflex.dispatch.schedule.PieceRepository;
import io.gridflex.dispatch.schedule.ScheduleIssuer;
import io.gridflex.dispatch.schedule.SitePiece;
import io.gridflex.dispatch.timeline.Timeline;
import io.gridflex.dispatch.timeline.TimelineKind;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.ScheduleSegment.Kind;

/**
 * Allocates one event from now on and re-issues the schedules of every site it touches, within the caller's
 * transaction (which holds the {@link io.gridflex.dispatch.db.AllocationLock}). The same path serves a new revision, a
 * re-allocation by the closed loop, an operator's override and a registry change: whatever the reason, the event's
 * pieces from now on are recomputed against everything else the sites are asked to do, and only sites whose schedule
 * changes hear of it.
 */
@ApplicationScoped
public class EventAllocator {

    private final ProgramRepository programs;
    private final SiteSelection selection;
    private final FleetView fleet;
    private final PieceRepository pieces;
    private final ScheduleIssuer issuer;
    private final Notifications notifications;
    private final EventRepository events;
    private final Timeline timeline;
    private final DispatchConfig config;
    private final MeritOrderAllocator allocator;

    public EventAllocator(ProgramRepository programs, SiteSelection selection, FleetView fleet,
            PieceRepository pieces, ScheduleIssuer issuer, Notifications notifications,
            EventRepository events, Timeline timeline, DispatchConfig config) {
        this.programs = programs;
        this.selection = selection;
        this.fleet = fleet;
        this.pieces = pieces;
        this.issuer = issuer;
        this.notifications = notifications;
        this.events = events;
        this.timeline = timeline;
        this.config = config;
        this.allocator = new MeritOrderAllocator(config.allocation().rampGrace());
    }

    /**
     * @param refusal when present, the revision is refused and the event asks nothing of any site from now on
     * @param why what prompted the allocation, for the timeline
     */
    public AllocationResult allocate(Connection connection, StoredEvent event, DrEvent payload, Refusal refusal,
            Instant now, String why) throws SQLException {
        List<SitePiece> before = pieces.forEvent(connection, event.eventId(), now);
        EventOutcome outcome;
        String detail = null;
        EventAllocation allocation = EventAllocation.none();
        if (refusal != null) {
            outcome = refusal.outcome();
            detail = refusal.detail();
        } else if (withdrawn(payload, now) != null) {
            outcome = withdrawn(payload, now);
        } else {
            Planned planned = plan(connection, event, payload, now);
            outcome = planned.outcome();
            detail = planned.detail();
            allocation = planned.allocation();
        }
        Kind kind = event.source() == EventSource.OPERATOR ? Kind.TEST : Kind.EVENT;
        List<SitePiece> after = allocation.pieces().stream().map(p -> sitePiece(event, kind, p)).toList();
        pieces.replaceFrom(connection, event.eventId(), now, after);

        Map<String, Long> issued = issuer.reissue(connection, PieceChanges.sites(before, after, now), now);
        TreeSet<String> asked = new TreeSet<>();
        after.forEach(p -> asked.add(p.siteId()));
        notifications.track(connection, event.eventId(), asked, issued);
        events.saveOutcome(connection, event.eventId(), outcome, detail, allocation, now);
        record(connection, event.eventId(), outcome, detail, allocation, issued, now, why);
        return new AllocationResult(outcome, detail, allocation, issued);
    }

    private Planned plan(Connection connection, StoredEvent event, DrEvent payload, Instant now) throws SQLException {
        ProgramTerms terms = ProgramTerms.operator();
        if (event.programId() != null) {
            Program program = programs.find(connection, event.programId()).orElse(null);
            if (program == null) {
                return new Planned(EventOutcome.UNKNOWN_PROGRAM, "program " + event.programId()
                        + " is no longer registered", EventAllocation.none());
            }
            terms = program.terms();
        }
        SiteSelection.Selected selected = selection.select(connection, event.programId(), payload.targets());
        List<Candidate> candidates = new ArrayList<>();
        List<String> notes = new ArrayList<>(selected.unknownTargets().stream().map(t -> "unknown " + t).toList());
        for (FleetSite site : fleet.load(connection, selected.siteIds(), now)) {
            CandidateFactory.Result result = CandidateFactory.of(site, event.eventId(), event.programId(), now,
                    config.sites().staleAfter(), config.allocation().hashPricePerThDay().orElse(null));
            if (result.candidate() != null) {
                candidates.add(result.candidate());
            } else {
                notes.add(result.siteId() + ": " + result.excludedBecause());
            }
        }
        try {
            EventAllocation allocation = allocator.allocate(EventRequest.of(payload), terms, candidates, now);
            if (allocation.shortfallDeciKw() > 0) {
                notes.addFirst("short by up to " + DeciKw.toKw(allocation.shortfallDeciKw()) + " kW");
            }
            return new Planned(EventOutcome.ALLOCATED, notes.isEmpty() ? null : String.join("; ", notes),
                    allocation);
        } catch (InvalidSignalException e) {
            return new Planned(EventOutcome.INVALID_SIGNAL, e.getMessage(), EventAllocation.none());
        }
    }

    /** Why the event asks nothing of any site from now on, or null when it is to be allocated. */
    static EventOutcome withdrawn(DrEvent payload, Instant now) {
        if (payload.status() == DrEvent.EventStatus.CANCELLED) {
            return EventOutcome.CANCELLED;
        }
        if (payload.status() == DrEvent.EventStatus.COMPLETED) {
            return EventOutcome.COMPLETED;
        }
        if (!payload.end().isAfter(now)) {
            return EventOutcome.ENDED;
        }
        return payload.testEvent() ? EventOutcome.TEST : null;
    }

    private void record(Connection connection, String eventId, EventOutcome outcome, String detail,
            EventAllocation allocation, Map<String, Long> issued, Instant now, String why) throws SQLException {
        Map<String, Double> bySite = new LinkedHashMap<>();
        allocation.pieces().forEach(p -> bySite.merge(p.siteId(), DeciKw.toKw(p.deciKw()), Math::max));
        String summary = switch (outcome) {
            case ALLOCATED -> "%s: %.1f kW requested, %.1f kW allocated at the peak across %d sites%s".formatted(why,
                    DeciKw.toKw(allocation.requestedDeciKw()), DeciKw.toKw(allocation.allocatedDeciKw()),
                    bySite.size(), detail == null ? "" : " (" + detail + ")");
            default -> "%s: %s%s".formatted(why, outcome, detail == null ? "" : " (" + detail + ")");
        };
        TimelineKind kind = switch (outcome) {
            case UNKNOWN_PROGRAM, FOREIGN, INVALID_SIGNAL -> TimelineKind.REFUSED;
            default -> TimelineKind.ALLOCATED;
        };
        timeline.append(connection, eventId, now, kind, null, summary,
                Map.of("outcome", outcome, "perSiteKw", bySite, "intervals", allocation.intervals()));
        if (!issued.isEmpty()) {
            timeline.append(connection, eventId, now, TimelineKind.SCHEDULED, null,
                    "schedules issued to " + issued.size() + " sites", Map.of("revisions", issued));
        }
    }

    private static SitePiece sitePiece(StoredEvent event, Kind kind, Piece piece) {
        return new SitePiece(event.eventId(), event.programId(), kind, piece.siteId(), piece.start(), piece.end(),
                piece.deciKw(), piece.importCapDeciKw());
    }

    private record Planned(EventOutcome outcome, String detail, EventAllocation allocation) {
    }
}
