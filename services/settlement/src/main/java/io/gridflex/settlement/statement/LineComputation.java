package io.gridflex.settlement.statement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.settlement.event.EventRepository;
import io.gridflex.settlement.event.SettlementEvent;
import io.gridflex.settlement.schedule.ScheduleRepository;
import io.gridflex.settlement.schedule.SiteSpan;
import io.gridflex.settlement.terms.ProgramTerms;
import io.gridflex.settlement.terms.TermsInForce;
import io.gridflex.support.web.ApiException;

/**
 * Computes settlement lines from what is stored: one per event and site whose schedule held the event, each event by
 * the terms in force on its first day (or a version pinned for it), the lines of each terms version read and
 * computed together. Statements store what it gives; the event pages show it for one event.
 */
@ApplicationScoped
public class LineComputation {

    private final EventRepository events;
    private final ScheduleRepository schedules;
    private final LineSources sources;

    public LineComputation(EventRepository events, ScheduleRepository schedules, LineSources sources) {
        this.events = events;
        this.schedules = schedules;
        this.sources = sources;
    }

    /** Every line of the events of the program starting in the period (local days of the newest terms' zone). */
    public List<ComputedLine> forPeriod(TermsInForce inForce, LocalDate from, LocalDate to,
            Map<String, Integer> pinned) {
        ProgramTerms newest = inForce.newest().orElseThrow();
        Instant start = from.atStartOfDay(newest.timeZone()).toInstant();
        Instant end = to.atStartOfDay(newest.timeZone()).toInstant();
        return forEvents(inForce, events.forProgram(newest.program(), start, end), pinned);
    }

    /** Every line of the given events of one program. */
    public List<ComputedLine> forEvents(TermsInForce inForce, List<SettlementEvent> programEvents,
            Map<String, Integer> pinned) {
        ProgramTerms newest = inForce.newest().orElseThrow();
        Map<Integer, List<LineSources.Pending>> pending = new TreeMap<>();
        Map<Integer, ProgramTerms> byVersion = new HashMap<>();
        for (SettlementEvent event : programEvents) {
            ProgramTerms eventTerms = termsFor(event, inForce, newest, pinned);
            byVersion.put(eventTerms.version(), eventTerms);
            for (SiteSpan span : schedules.eventSpans(event.eventId())) {
                sources.episodes(event.eventId(), span)
                        .ifPresent(line -> pending.computeIfAbsent(eventTerms.version(), v -> new ArrayList<>())
                                .add(line));
            }
        }
        List<ComputedLine> lines = new ArrayList<>();
        // Lines are independent and pure once read: computed on every core, returned in the order read.
        pending.forEach((version, group) -> lines.addAll(sources.inputs(byVersion.get(version), group)
                .parallelStream().map(LineCalculator::compute).toList()));
        return lines;
    }

    private static ProgramTerms termsFor(SettlementEvent event, TermsInForce inForce, ProgramTerms newest,
            Map<String, Integer> pinned) {
        Integer version = pinned.get(event.eventId());
        if (version != null) {
            return inForce.version(version).orElseThrow();
        }
        LocalDate day = LocalDate.ofInstant(event.start(), newest.timeZone());
        return inForce.on(day).orElseThrow(() -> ApiException.conflict("no-terms-in-force", "event "
                + event.eventId() + " starts on " + day + ", before any version of the terms of program '"
                + newest.program()
                + "' takes effect: store terms in force from that day"));
    }
}
