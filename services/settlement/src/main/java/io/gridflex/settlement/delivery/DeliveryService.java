package io.gridflex.settlement.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.settlement.attribution.Episode;
import io.gridflex.settlement.attribution.EpisodeAttribution;
import io.gridflex.settlement.attribution.EventShares;
import io.gridflex.settlement.attribution.SettledEpisode;
import io.gridflex.settlement.attribution.SiteAttribution;
import io.gridflex.settlement.baseline.MeterBeforeMeterAfter;
import io.gridflex.settlement.baseline.MeteredInterval;
import io.gridflex.settlement.event.EventRepository;
import io.gridflex.settlement.event.SettlementEvent;
import io.gridflex.settlement.meter.MeterInterval;
import io.gridflex.settlement.meter.MeterIntervalRepository;
import io.gridflex.settlement.schedule.ScheduleRepository;
import io.gridflex.settlement.schedule.ShareKey;
import io.gridflex.settlement.schedule.SiteSpan;

/**
 * Settles events from what is stored. Figures are computed on every request rather than stored: late telemetry, a
 * late schedule revision or a cancel changes them, and a stored copy would go stale silently.
 */
@ApplicationScoped
public class DeliveryService {

    private final EventRepository events;
    private final ScheduleRepository schedules;
    private final MeterIntervalRepository meter;
    private final EpisodeFinder episodes;
    private final EpisodeAttribution attribution;

    public DeliveryService(EventRepository events, ScheduleRepository schedules, MeterIntervalRepository meter,
            EpisodeFinder episodes, EpisodeAttribution attribution) {
        this.events = events;
        this.schedules = schedules;
        this.meter = meter;
        this.episodes = episodes;
        this.attribution = attribution;
    }

    public Optional<EventDelivery> delivery(String eventId) {
        return events.find(eventId).map(event -> {
            List<SiteDelivery> sites = new ArrayList<>();
            List<SiteAttribution> attributions = new ArrayList<>();
            for (SiteSpan span : schedules.eventSpans(eventId)) {
                SiteAttribution site = settle(ShareKey.event(eventId), span);
                attributions.add(site);
                sites.add(SiteDelivery.of(span.siteId(), site));
            }
            MeterBeforeMeterAfter rule = attribution.meter();
            return new EventDelivery(event, rule.baselineWindow().toString(), rule.minimumCoverage(),
                    EventTotals.of(attributions), sites);
        });
    }

    /** The newest {@code limit} events by start, with their totals. */
    public List<EventSummary> events(int limit) {
        List<EventSummary> summaries = new ArrayList<>();
        for (SettlementEvent event : events.latest(limit)) {
            List<SiteAttribution> sites = schedules.eventSpans(event.eventId()).stream()
                    .map(span -> settle(ShareKey.event(event.eventId()), span))
                    .toList();
            summaries.add(EventSummary.of(event, EventTotals.of(sites)));
        }
        return summaries;
    }

    /**
     * The event's share of every shed episode of the site that held a contribution of it. The meter is read once for
     * all of them, from the first baseline window to the last episode's end.
     */
    private SiteAttribution settle(ShareKey key, SiteSpan span) {
        List<Episode> involved = episodes.around(span.siteId(), span.span()).stream()
                .filter(episode -> episode.involves(key))
                .toList();
        List<SettledEpisode> settled = List.of();
        if (!involved.isEmpty()) {
            Instant from = involved.getFirst().start().minus(attribution.meter().baselineWindow());
            List<MeteredInterval> intervals = MeterBeforeMeterAfter.sortedWithoutOverlap(
                    meter.overlapping(span.siteId(), from, involved.getLast().end()).stream()
                            .map(MeterInterval::toMetered)
                            .toList());
            settled = involved.stream().map(episode -> attribution.settle(episode, intervals)).toList();
        }
        return EventShares.attribute(key, settled, attribution.meter().minimumCoverage());
    }
}
