package io.gridflex.dispatch.operator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.DispatchConfig;
import io.gridflex.dispatch.allocation.DeciKw;
import io.gridflex.dispatch.event.EventQueries;
import io.gridflex.dispatch.event.EventRepository;
import io.gridflex.dispatch.event.EventService;
import io.gridflex.dispatch.event.EventSource;
import io.gridflex.dispatch.event.Handling;
import io.gridflex.dispatch.event.SiteSelection;
import io.gridflex.dispatch.event.StoredEvent;
import io.gridflex.dispatch.fleet.CandidateFactory;
import io.gridflex.dispatch.fleet.FleetSite;
import io.gridflex.dispatch.fleet.FleetView;
import io.gridflex.dispatch.registry.ProgramRepository;
import io.gridflex.dispatch.registry.SiteRepository;
import io.gridflex.dispatch.registry.SiteStatus;
import io.gridflex.messages.DrEvent;
import io.gridflex.messages.DrInterval;
import io.gridflex.messages.MessageCodec;
import io.gridflex.support.audit.Actor;
import io.gridflex.support.audit.AuditLog;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.web.ApiException;

/**
 * Manual test events: an operator asks the fleet (or some sites) to shed for a while, to see it respond. They go
 * through the same allocation, schedules and acknowledgements as a utility's event, carry the id
 * {@code operator/manual-<id>}, and reach sites as TEST contributions, which settlement never bills.
 */
@ApplicationScoped
public class ManualEvents {

    public static final String VTN_ID = EventSource.NO_PROGRAM;
    private static final BigDecimal MAX_KW = new BigDecimal("10000000");
    private static final Duration MAX_DURATION = Duration.ofHours(24);
    private static final Duration MAX_AHEAD = Duration.ofDays(30);
    private static final Duration PAST_TOLERANCE = Duration.ofMinutes(1);

    private final EventService events;
    private final EventQueries queries;
    private final EventRepository storedEvents;
    private final SiteRepository sites;
    private final ProgramRepository programs;
    private final AuditLog audit;
    private final Transactions transactions;
    private final MessageCodec codec;
    private final SiteSelection selection;
    private final FleetView fleet;
    private final DispatchConfig config;
    private final Clock clock;

    public ManualEvents(EventService events, EventQueries queries, EventRepository storedEvents, SiteRepository sites,
            ProgramRepository programs,
            AuditLog audit, Transactions transactions, MessageCodec codec, SiteSelection selection, FleetView fleet,
            DispatchConfig config, Clock clock) {
        this.events = events;
        this.queries = queries;
        this.storedEvents = storedEvents;
        this.sites = sites;
        this.programs = programs;
        this.audit = audit;
        this.transactions = transactions;
        this.codec = codec;
        this.selection = selection;
        this.fleet = fleet;
        this.config = config;
        this.clock = clock;
    }

    public StoredEvent create(ManualEventRequest request, Actor actor) {
        Instant now = clock.instant();
        validate(request, now);
        Instant start = request.start() == null ? now : request.start();
        Instant end = start.plusSeconds(request.durationSeconds());
        String vtnEventId = "manual-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> siteIds = request.siteIds() == null ? List.of() : request.siteIds();
        DrEvent event = new DrEvent(VTN_ID + "/" + vtnEventId, VTN_ID, vtnEventId, 0,
                request.programId() == null ? EventSource.NO_PROGRAM : request.programId(), "", DrEvent.EventStatus.FAR,
                start, end, DrEvent.Signal.REDUCTION_KW, null,
                List.of(new DrInterval(start, end, request.reductionKw())),
                new DrEvent.Targets(request.programId() == null ? siteIds : List.of(), List.of()), 0, 0, false, now);
        transactions.inTransaction(connection -> {
            if (request.programId() != null && programs.find(connection, request.programId()).isEmpty()) {
                throw ApiException.badRequest("invalid-event", "programId: no program " + request.programId());
            }
            List<String> unknown = new ArrayList<>(siteIds);
            sites.findAll(connection, siteIds).stream().filter(s -> s.status() != SiteStatus.REMOVED)
                    .forEach(s -> unknown.remove(s.siteId()));
            if (!unknown.isEmpty()) {
                throw ApiException.badRequest("invalid-event", "siteIds: no site " + String.join(", ", unknown));
            }
            long capacity = capacity(connection, request.programId(), event.targets(), now);
            if (DeciKw.round(request.reductionKw()) > capacity) {
                throw ApiException.badRequest("impossible-target", "reductionKw: the sites asked can shed at most "
                        + DeciKw.toKw(capacity) + " kW now (enrolled, registered and reported), not "
                        + request.reductionKw().toPlainString());
            }
            audit.record(connection, actor, "event.manual", "event/" + event.eventId(), null,
                    Map.of("request", request, "reason", request.reason()), now);
            return null;
        });
        Handling handling = events.handle(event, codec.encode(event), EventSource.OPERATOR);
        if (handling.kind() != Handling.Kind.NEW_REVISION) {
            throw new IllegalStateException("manual event " + event.eventId() + " was not new: " + handling.kind());
        }
        return queries.detail(event.eventId()).orElseThrow().event();
    }

    /** What the selected sites could shed together now, before other events take their part. */
    private long capacity(java.sql.Connection connection, String programId, DrEvent.Targets targets, Instant now)
            throws java.sql.SQLException {
        long total = 0;
        for (FleetSite site : fleet.load(connection, selection.select(connection, programId, targets).siteIds(),
                now)) {
            CandidateFactory.Result result = CandidateFactory.of(site, "", programId, now,
                    config.sites().staleAfter(), null);
            total += result.candidate() == null ? 0 : result.candidate().capacityDeciKw();
        }
        return total;
    }

    /** Cancels a manual event; utility events are cancelled by their VTN, never here. */
    public StoredEvent cancel(String eventId, String reason, Actor actor) {
        Instant now = clock.instant();
        if (reason == null || reason.isBlank()) {
            throw ApiException.badRequest("invalid-request", "reason: required");
        }
        var held = queries.detail(eventId).orElseThrow(() -> ApiException.notFound("unknown-event",
                "no event " + eventId));
        if (held.event().source() != EventSource.OPERATOR) {
            throw ApiException.conflict("not-manual", "event " + eventId + " is a utility's; its VTN cancels it");
        }
        String payload = transactions.read(connection -> storedEvents.find(connection, eventId)).orElseThrow()
                .payload();
        DrEvent current = codec.decode(DrEvent.class, payload);
        DrEvent cancelled = new DrEvent(current.eventId(), current.vtnId(), current.vtnEventId(),
                current.modificationNumber() + 1, current.program(), current.marketContext(),
                DrEvent.EventStatus.CANCELLED, current.start(), current.end(), current.signal(), current.currency(),
                current.intervals(), current.targets(), current.startAfterSeconds(), current.priority(), false, now);
        transactions.inTransaction(connection -> {
            audit.record(connection, actor, "event.cancel", "event/" + eventId, null, Map.of("reason", reason), now);
            return null;
        });
        events.handle(cancelled, codec.encode(cancelled), EventSource.OPERATOR);
        return queries.detail(eventId).orElseThrow().event();
    }

    private static void validate(ManualEventRequest request, Instant now) {
        List<String> problems = new ArrayList<>();
        if (request.reductionKw() == null || request.reductionKw().signum() <= 0
                || request.reductionKw().compareTo(MAX_KW) > 0) {
            problems.add("reductionKw: more than 0 and at most " + MAX_KW.toPlainString());
        }
        if (request.durationSeconds() == null || request.durationSeconds() < 1
                || request.durationSeconds() > MAX_DURATION.toSeconds()) {
            problems.add("durationSeconds: 1 to " + MAX_DURATION.toSeconds());
        }
        if (request.start() != null && (request.start().isBefore(now.minus(PAST_TOLERANCE))
                || request.start().isAfter(now.plus(MAX_AHEAD)))) {
            problems.add("start: from now to " + MAX_AHEAD.toDays() + " days ahead");
        }
        if (request.reason() == null || request.reason().isBlank()) {
            problems.add("reason: required");
        }
        if (request.programId() != null && request.siteIds() != null && !request.siteIds().isEmpty()) {
            problems.add("siteIds: name sites or a program, not both (a program's resources narrow it)");
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid-event", String.join("; ", problems));
        }
    }
}
