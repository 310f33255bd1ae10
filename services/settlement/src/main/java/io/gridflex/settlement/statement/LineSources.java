package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.messages.ScheduleSegment;
import io.gridflex.settlement.attribution.Episode;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.delivery.EpisodeFinder;
import io.gridflex.settlement.method.LikeDayMethod;
import io.gridflex.settlement.method.LoadSeries;
import io.gridflex.settlement.schedule.EffectiveSchedule;
import io.gridflex.settlement.schedule.Piece;
import io.gridflex.settlement.schedule.ScheduleRepository;
import io.gridflex.settlement.schedule.ShareKey;
import io.gridflex.settlement.schedule.SiteSpan;
import io.gridflex.settlement.terms.ProgramTerms;
import io.gridflex.settlement.terms.TermsRepository;
import io.gridflex.support.db.Transactions;

/** Reads what one statement line is computed from: episodes, load, prior event days and the owner's share. */
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

    /** The inputs of the event's line at the site, or null when no episode of the site ever held the event. */
    public LineInputs read(ProgramTerms programTerms, String eventId, SiteSpan span) {
        ShareKey key = ShareKey.event(eventId);
        List<Episode> involved = episodes.around(span.siteId(), span.span()).stream()
                .filter(episode -> episode.involves(key))
                .toList();
        if (involved.isEmpty()) {
            return null;
        }
        int lookback = programTerms.baselineMethod() instanceof LikeDayMethod likeDays ? likeDays.lookbackDays() : 1;
        LocalDate firstDay = LocalDate.ofInstant(involved.getFirst().start(), programTerms.timeZone());
        Instant from = firstDay.minusDays(lookback + SPARE_DAYS).atStartOfDay(programTerms.timeZone()).toInstant();
        TimeWindow window = new TimeWindow(from, involved.getLast().end());
        LoadSeries load = loads.load(span.siteId(), window, programTerms.step(), programTerms.minimumCoverage());
        SortedSet<LocalDate> excluded = priorEventDays(span.siteId(), new TimeWindow(from, involved.getFirst().start()),
                programTerms);
        BigDecimal share = transactions.read(connection -> terms.ownerShare(connection, span.siteId()))
                .orElse(programTerms.ownerShare());
        return new LineInputs(programTerms, eventId, span.siteId(), involved, load, excluded, share);
    }

    /** Local days on which the site's schedule held any event's contribution. */
    private SortedSet<LocalDate> priorEventDays(String siteId, TimeWindow window, ProgramTerms programTerms) {
        SortedSet<LocalDate> days = new TreeSet<>();
        if (window.isEmpty()) {
            return days;
        }
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
