package io.gridflex.dispatch.loop;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.allocation.DeciKw;
import io.gridflex.dispatch.event.EventRepository;
import io.gridflex.dispatch.event.StoredEvent;
import io.gridflex.dispatch.live.LiveState;
import io.gridflex.dispatch.status.StatusReporter;
import io.gridflex.dispatch.timeline.Timeline;
import io.gridflex.dispatch.timeline.TimelineKind;

/**
 * What active events get, as sites report it: each site's reduction is shared among the events it serves in
 * proportion to what each asks of it. Tells ven-gateway when an event's fleet starts or stops meeting it, and puts
 * each site's mean reported reduction on the event's timeline when it completes. Operational figures only: what is
 * paid is settlement's measurement against the meter.
 */
@ApplicationScoped
public class DeliveryTracker {

    private final EventRepository events;
    private final StatusReporter status;
    private final Timeline timeline;
    private final Map<String, Boolean> meeting = new HashMap<>();
    private final Map<String, Map<String, double[]>> sums = new HashMap<>();

    public DeliveryTracker(EventRepository events, StatusReporter status, Timeline timeline) {
        this.events = events;
        this.status = status;
        this.timeline = timeline;
    }

    public void observe(Connection connection, Map<String, SiteTarget> targets, Map<String, LiveState> live,
            List<Shortfall> shortfalls, Instant now) throws SQLException {
        Map<String, double[]> perEvent = new TreeMap<>();
        for (SiteTarget target : targets.values()) {
            LiveState state = live.get(target.siteId());
            double delivered = state == null ? 0 : Math.min(state.shedKw(), DeciKw.toKw(target.deciKw()));
            boolean known = shortfalls.stream().noneMatch(s -> s.siteId().equals(target.siteId()));
            for (var part : target.byEvent().entrySet()) {
                double asked = DeciKw.toKw(part.getValue());
                double share = target.deciKw() == 0 ? 0 : delivered * part.getValue() / target.deciKw();
                double[] figures = perEvent.computeIfAbsent(part.getKey(), e -> new double[2]);
                figures[0] += share;
                figures[1] += known ? 0 : asked - share;
                double[] sum = sums.computeIfAbsent(part.getKey(), e -> new HashMap<>())
                        .computeIfAbsent(target.siteId(), s -> new double[2]);
                sum[0] += share;
                sum[1]++;
            }
        }
        for (var entry : perEvent.entrySet()) {
            boolean meets = entry.getValue()[1] <= 0;
            Boolean before = meeting.put(entry.getKey(), meets);
            if (before == null || before != meets) {
                StoredEvent event = events.find(connection, entry.getKey()).orElse(null);
                if (event != null) {
                    status.report(connection, event, entry.getValue()[0], entry.getValue()[1],
                            meets
                                    ? null
                                    : "sites deliver %.1f kW, short by %.1f kW".formatted(entry.getValue()[0],
                                            entry.getValue()[1]),
                            now);
                }
            }
        }
    }

    /** Writes each site's mean reported reduction for the event, and forgets it. */
    public void completed(Connection connection, StoredEvent event, Instant now) throws SQLException {
        meeting.remove(event.eventId());
        Map<String, double[]> bySite = sums.remove(event.eventId());
        if (bySite == null) {
            return;
        }
        for (var entry : new TreeMap<>(bySite).entrySet()) {
            double mean = entry.getValue()[0] / entry.getValue()[1];
            timeline.append(connection, event.eventId(), now, TimelineKind.DELIVERED, entry.getKey(),
                    "%s reported a mean %.1f kW held off for this event while it was active".formatted(entry.getKey(),
                            mean),
                    Map.of("meanReportedKw", mean, "samples", (long) entry.getValue()[1]));
        }
    }
}
