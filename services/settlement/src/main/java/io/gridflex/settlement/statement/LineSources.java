package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.messages.ScheduleSegment;
import io.gridflex.settlement.attribution.Episode;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.delivery.EpisodeFinder;
import io.gridflex.settlement.method.LoadSeries;
import io.gridflex.settlement.schedule.EffectiveSchedule;
import io.gridflex.settlement.schedule.Piece;
import io.gridflex.settlement.schedule.ScheduleRepository;
import io.gridflex.settlement.schedule.ShareKey;
import io.gridflex.settlement.schedule.SiteSpan;
import io.gridflex.settlement.terms.ProgramTerms;
import io.gridflex.settlement.terms.TermsRepository;
import io.gridflex.support.db.Transactions;

/**
 * Reads what a statement's lines are computed from: the shed episodes of each line, then, once per site for all its
 * lines, the site's settlement intervals in the hours the baseline method reaches (one query for every site), its
 * prior event days and its owner's share.
 */
@ApplicationScoped
public class LineSources {

    /** Room before the look-back for an adjustment window that starts the evening before. */
    private static final int SPARE_DAYS = 2;

    private final EpisodeFinder episodes;
    private final ScheduleRepository schedules;
    private final SiteLoads loads;
    private final TermsRepository terms;
    private final Transactions transactions;

    public LineSources(EpisodeFinder episodes, ScheduleRepository schedules, SiteLoads loads, TermsRepository terms,
            Transactions transactions) {
        this.episodes = episodes;
        this.schedules = schedules;
        this.loads = loads;
        this.terms = terms;
        this.transactions = transactions;
    }

    /** A line to compute: the site's shed episodes that held the event, in time order. */
    public record Pending(String eventId, String siteId, List<Episode> episodes) {
    }

    /** The line of the event at the site, or nothing when no episode of the site ever held the event. */
    public Optional<Pending> episodes(String eventId, SiteSpan span) {
        ShareKey key = ShareKey.event(eventId);
        List<Episode> involved = episodes.around(span.siteId(), span.span()).stream()
                .filter(episode -> episode.involves(key))
                .toList();
        return involved.isEmpty() ? Optional.empty() : Optional.of(new Pending(eventId, span.siteId(), involved));
    }

    /** The inputs of every line, in the order given. */
    public List<LineInputs> inputs(ProgramTerms programTerms, List<Pending> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        Map<String, TimeWindow> windows = new HashMap<>();
        for (Pending line : lines) {
            windows.merge(line.siteId(), window(programTerms, line), LineSources::union);
        }
        SiteLoads.Loads read = loads.read(
                ReadWindows.of(programTerms.baselineMethod(), programTerms.timeZone(), programTerms.step(), lines),
                programTerms.step(), programTerms.minimumCoverage(), programTerms.minimumSiteCoverage());
        Map<String, LoadSeries> load = read.series();
        Map<String, SortedSet<Instant>> flagged = read.flagged();
        Map<String, SortedSet<LocalDate>> eventDays = new HashMap<>();
        Map<String, BigDecimal> shares = new HashMap<>();
        windows.forEach((site, window) -> {
            eventDays.put(site, eventDays(site, window, programTerms));
            shares.put(site, transactions.read(connection -> terms.ownerShare(connection, site))
                    .orElse(programTerms.ownerShare()));
        });
        List<LineInputs> inputs = new ArrayList<>(lines.size());
        for (Pending line : lines) {
            TimeWindow window = window(programTerms, line);
            Instant firstStart = line.episodes().getFirst().start();
            LocalDate firstDay = LocalDate.ofInstant(firstStart, programTerms.timeZone());
            SortedSet<LocalDate> excluded = eventDays.get(line.siteId()).subSet(
                    LocalDate.ofInstant(window.start(), programTerms.timeZone()), firstDay);
            LoadSeries series = load.getOrDefault(line.siteId(), LoadSeries.of(programTerms.step(), Map.of()))
                    .between(window);
            SortedSet<Instant> lowCoverage = flagged.getOrDefault(line.siteId(), new TreeSet<>())
                    .subSet(LoadSeries.alignedStart(window.start(), programTerms.step()), window.end());
            inputs.add(new LineInputs(programTerms, line.eventId(), line.siteId(), line.episodes(), series,
                    excluded, shares.get(line.siteId()), lowCoverage));
        }
        return inputs;
    }

    /** From the look-back before the line's first episode (its method's reach) to its last episode's end. */
    private static TimeWindow window(ProgramTerms programTerms, Pending line) {
        LocalDate firstDay = LocalDate.ofInstant(line.episodes().getFirst().start(), programTerms.timeZone());
        int lookback = Math.max(1, programTerms.baselineMethod().reach(firstDay).daysBack());
        Instant from = firstDay.minusDays(lookback + SPARE_DAYS).atStartOfDay(programTerms.timeZone()).toInstant();
        return new TimeWindow(from, line.episodes().getLast().end());
    }

    private static TimeWindow union(TimeWindow a, TimeWindow b) {
        return new TimeWindow(a.start().isBefore(b.start()) ? a.start() : b.start(),
                a.end().isAfter(b.end()) ? a.end() : b.end());
    }

    /** Local days on which the site's schedule held any event's contribution within {@code window}. */
    private SortedSet<LocalDate> eventDays(String siteId, TimeWindow window, ProgramTerms programTerms) {
        SortedSet<LocalDate> days = new TreeSet<>();
        for (Piece piece : EffectiveSchedule.pieces(schedules.around(siteId, window), window)) {
            boolean event = piece.segment().contributions().stream()
                    .anyMatch(c -> c.kind() == ScheduleSegment.Kind.EVENT);
            if (event) {
                LocalDate first = LocalDate.ofInstant(piece.start(), programTerms.timeZone());
                LocalDate last = LocalDate.ofInstant(piece.end().minusNanos(1), programTerms.timeZone());
                for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                    days.add(day);
                }
            }
        }
        return days;
    }
}
