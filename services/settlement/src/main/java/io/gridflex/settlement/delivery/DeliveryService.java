package io.gridflex.settlement.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.settlement.baseline.MeterBeforeMeterAfter;
import io.gridflex.settlement.baseline.MeteredInterval;
import io.gridflex.settlement.baseline.SiteSettlement;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.event.EventRepository;
import io.gridflex.settlement.event.Participation;
import io.gridflex.settlement.event.ParticipationRepository;
import io.gridflex.settlement.event.SettlementEvent;
import io.gridflex.settlement.meter.MeterInterval;
import io.gridflex.settlement.meter.MeterIntervalRepository;

/**
 * Settles events from what is stored. Figures are computed on every request rather than stored: late telemetry or a
 * later cancel changes them, and a stored copy would go stale silently.
 */
@ApplicationScoped
public class DeliveryService {

    private final EventRepository events;
    private final ParticipationRepository participations;
    private final MeterIntervalRepository meter;
    private final MeterBeforeMeterAfter settlement;

    public DeliveryService(EventRepository events, ParticipationRepository participations,
            MeterIntervalRepository meter, MeterBeforeMeterAfter settlement) {
        this.events = events;
        this.participations = participations;
        this.meter = meter;
        this.settlement = settlement;
    }

    public Optional<EventDelivery> delivery(String eventId) {
        return events.find(eventId).map(event -> {
            List<SiteDelivery> sites = new ArrayList<>();
            List<SiteSettlement> settlements = new ArrayList<>();
            for (Participation participation : participations.forEvent(eventId)) {
                SiteSettlement site = settle(event, participation);
                settlements.add(site);
                sites.add(SiteDelivery.of(participation, site));
            }
            return new EventDelivery(event, settlement.baselineWindow().toString(), settlement.minimumCoverage(),
                    EventTotals.of(settlements), sites);
        });
    }

    /** The newest {@code limit} events by start, with their totals. */
    public List<EventSummary> events(int limit) {
        List<EventSummary> summaries = new ArrayList<>();
        for (SettlementEvent event : events.latest(limit)) {
            List<SiteSettlement> settlements = participations.forEvent(event.eventId()).stream()
                    .map(participation -> settle(event, participation))
                    .toList();
            summaries.add(EventSummary.of(event, EventTotals.of(settlements)));
        }
        return summaries;
    }

    /**
     * Delivery is measured where the site's participation and the event overlap: shedding before the event or after
     * its end is not what the event paid for.
     */
    private SiteSettlement settle(SettlementEvent event, Participation participation) {
        Instant start = latest(event.start(), participation.start());
        Instant end = earliest(event.end(), participation.effectiveEnd());
        TimeWindow deliveryWindow = new TimeWindow(start, end.isBefore(start) ? start : end);
        Instant from = event.start().minus(settlement.baselineWindow());
        List<MeteredInterval> intervals = meter.overlapping(participation.siteId(), from,
                latest(deliveryWindow.end(), event.start())).stream()
                .map(MeterInterval::toMetered)
                .toList();
        return settlement.settle(event.start(), deliveryWindow, intervals);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
