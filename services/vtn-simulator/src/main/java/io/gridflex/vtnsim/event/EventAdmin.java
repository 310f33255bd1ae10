package io.gridflex.vtnsim.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.gridflex.vtnsim.api.ApiException;
import io.gridflex.vtnsim.ven.VenRegistry;

/**
 * The operator's side of events: checks each request completely before anything changes, and announces every change
 * ({@link EventsChanged}) so push VENs are told at once.
 */
@ApplicationScoped
public class EventAdmin {

    private static final Logger LOG = Logger.getLogger(EventAdmin.class);

    private final EventBook book;
    private final VenRegistry vens;
    private final Clock clock;
    private final Event<EventsChanged> changes;

    public EventAdmin(EventBook book, VenRegistry vens, Clock clock, Event<EventsChanged> changes) {
        this.book = book;
        this.vens = vens;
        this.clock = clock;
        this.changes = changes;
    }

    public EventView create(CreateEventRequest request) {
        if (request == null) {
            throw ApiException.badRequest("missing-body",
                    "A JSON body with reductionKw and durationSeconds is required");
        }
        Instant now = clock.instant();
        int level = 0;
        double reductionKw;
        if (request.level() != null) {
            if (request.reductionKw() != null) {
                throw ApiException.badRequest("invalid-event", "Give reductionKw (a LOAD_DISPATCH event) or level (a"
                        + " SIMPLE event), not both");
            }
            level = level(request.level());
            reductionKw = 0;
        } else {
            reductionKw = reduction(request.reductionKw(), true);
        }
        Duration duration = duration(request.durationSeconds(), true);
        Instant start = request.start() == null ? now.truncatedTo(ChronoUnit.SECONDS) : start(request.start());
        if (!start.plus(duration).isAfter(now)) {
            throw ApiException.badRequest("invalid-event",
                    "The event would end at " + start.plus(duration) + ", which is not after now (" + now + ")");
        }
        List<String> targets = targets(request.venId());
        DrEvent event = DrEvent.create("evt-" + UUID.randomUUID(), now, start, duration, reductionKw, targets,
                Boolean.TRUE.equals(request.testEvent()), marketContext(request.marketContext()),
                resourceIds(request.resourceIds()), startAfter(request.startAfterSeconds()), level);
        book.add(event);
        String asked = event.simple() ? "SIMPLE level " + level : "%.3f kW".formatted(reductionKw);
        LOG.infof("Created event %s: %s from %s for %s, for %s", event.eventId(), asked, start, duration, targets);
        changes.fire(new EventsChanged(targets));
        return view(event, now);
    }

    private static Duration startAfter(Integer seconds) {
        if (seconds == null) {
            return Duration.ZERO;
        }
        if (seconds < 0 || seconds > 86_400) {
            throw ApiException.badRequest("invalid-event", "startAfterSeconds must be from 0 to 86400, got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    public EventView modify(String eventId, ModifyEventRequest request) {
        if (request == null || (request.reductionKw() == null && request.durationSeconds() == null
                && request.level() == null)) {
            throw ApiException.badRequest("invalid-event", "Give reductionKw (or level), durationSeconds or both");
        }
        Double reductionKw = request.reductionKw() == null ? null : reduction(request.reductionKw(), false);
        Duration duration = request.durationSeconds() == null ? null : duration(request.durationSeconds(), false);
        Integer level = request.level() == null ? null : level(request.level());
        Instant now = clock.instant();
        EventRecord current = book.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        if (current.event().simple() ? reductionKw != null : level != null) {
            throw ApiException.badRequest("invalid-event", current.event().simple()
                    ? "Event " + eventId + " is a SIMPLE event: change its level, not reductionKw"
                    : "Event " + eventId + " is a LOAD_DISPATCH event: change its reductionKw, not a level");
        }
        if (duration != null && !current.event().start().plus(duration).isAfter(now)) {
            // A VEN is only told of changes to events that still run: one ended this way would never hear of it.
            throw ApiException.badRequest("invalid-event", "durationSeconds " + duration.toSeconds()
                    + " would end the event before now; cancel it instead");
        }
        DrEvent modified = book.modify(eventId, reductionKw, duration, level, request.inPlace(), now);
        LOG.infof("Modified event %s %s modification %d: %.3f kW for %s", eventId,
                request.inPlace() ? "in place, keeping" : "to", modified.modificationNumber(), modified.reductionKw(),
                modified.duration());
        changes.fire(new EventsChanged(modified.venIds()));
        return view(modified, now);
    }

    public EventView cancel(String eventId) {
        Instant now = clock.instant();
        DrEvent cancelled = book.cancel(eventId, now);
        LOG.infof("Cancelled event %s (modification %d)", eventId, cancelled.modificationNumber());
        changes.fire(new EventsChanged(cancelled.venIds()));
        return view(cancelled, now);
    }

    /** Leaves the event out of every distribution from now on: an implied cancellation. */
    public EventView withdraw(String eventId) {
        Instant now = clock.instant();
        DrEvent withdrawn = book.withdraw(eventId, now);
        LOG.infof("Withdrew event %s (left out of distributions from now on, modification %d)", eventId,
                withdrawn.modificationNumber());
        changes.fire(new EventsChanged(withdrawn.venIds()));
        return view(withdrawn, now);
    }

    public EventView get(String eventId) {
        EventRecord record = book.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        return EventView.detail(record, record.event().status(clock.instant(), book.nearWindow()).value());
    }

    public List<EventView> list() {
        Instant now = clock.instant();
        return book.all().stream().map(record -> view(record.event(), now)).toList();
    }

    private EventView view(DrEvent event, Instant now) {
        return EventView.summary(event, event.status(now, book.nearWindow()).value());
    }

    private List<String> targets(String venId) {
        if (venId != null) {
            if (!vens.isRegistered(venId)) {
                throw ApiException.badRequest("unknown-ven", "No VEN " + venId + " is registered");
            }
            return List.of(venId);
        }
        List<String> all = vens.venIds();
        if (all.isEmpty()) {
            throw new ApiException(Response.Status.CONFLICT, "no-vens",
                    "No VEN is registered: an event without venId goes to every registered VEN");
        }
        return all;
    }

    private static List<String> resourceIds(List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        for (String id : ids) {
            if (id == null || !id.matches("[\\x21-\\x7e]{1,256}")) {
                throw ApiException.badRequest("invalid-event",
                        "each resourceId is 1 to 256 printable ASCII characters without spaces, got " + id);
            }
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    private static int level(int level) {
        if (level < 1 || level > 3) {
            throw ApiException.badRequest("invalid-event", "level must be 1, 2 or 3, got " + level);
        }
        return level;
    }

    private static double reduction(Double value, boolean required) {
        if (value == null && required) {
            throw ApiException.badRequest("invalid-event", "reductionKw is required");
        }
        if (value == null || !(value > 0) || value.isInfinite()) {
            throw ApiException.badRequest("invalid-event", "reductionKw must be a number > 0, got " + value);
        }
        return value;
    }

    private static Duration duration(Integer seconds, boolean required) {
        if (seconds == null && required) {
            throw ApiException.badRequest("invalid-event", "durationSeconds is required");
        }
        if (seconds == null || seconds <= 0) {
            throw ApiException.badRequest("invalid-event",
                    "durationSeconds must be a whole number > 0, got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    private static Instant start(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid-event",
                    "start must be an ISO-8601 UTC instant like 2026-01-31T18:00:00Z, got '" + text + "'");
        }
    }

    /** null stays null (the configured context); anything else must be an absolute URI. */
    private static String marketContext(String text) {
        if (text == null) {
            return null;
        }
        try {
            if (new java.net.URI(text).getScheme() != null) {
                return text;
            }
        } catch (java.net.URISyntaxException e) {
            // refused below
        }
        throw ApiException.badRequest("invalid-event", "marketContext must be an absolute URI, got '" + text + "'");
    }
}
