package io.gridflex.settlement.statement;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.gridflex.settlement.attribution.Episode;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.method.BaselineMethod;
import io.gridflex.settlement.method.LoadSeries;
import io.gridflex.settlement.method.Reach;

/**
 * The parts of each site's metered data a statement's lines can read: for every shed episode, the hours its method
 * reaches ({@link BaselineMethod#reach}) on the episode's day and the same local hours on each day of its look-back,
 * widened to whole settlement intervals and merged per site. A like-day baseline for a two-hour event reads six hours
 * a day, not the whole look-back, so a monthly statement reads a fraction of the month's rows.
 *
 * <p>
 * A like day's interval is the event interval moved to the same local time of that day (the first occurrence when
 * clocks go back; none in the hour skipped when they go forward), so each day's window runs from the first occurrence
 * of the span's local start to that of its local end, a local time that does not exist that day standing for the
 * instant the clocks skipped it. An episode whose span crosses local midnight reads whole days.
 */
final class ReadWindows {

    private ReadWindows() {
    }

    /** Per site, the windows its lines read, in time order, none touching another. */
    static Map<String, List<TimeWindow>> of(BaselineMethod method, ZoneId zone, Duration step,
            List<LineSources.Pending> lines) {
        Map<String, List<TimeWindow>> all = new HashMap<>();
        for (LineSources.Pending line : lines) {
            List<TimeWindow> site = all.computeIfAbsent(line.siteId(), s -> new ArrayList<>());
            for (Episode episode : line.episodes()) {
                site.addAll(forEpisode(method, zone, step, episode.start(), episode.end()));
            }
        }
        all.replaceAll((site, windows) -> merge(windows));
        return all;
    }

    /** What the method reads for an episode from {@code start} to {@code end}, in whole settlement intervals. */
    static List<TimeWindow> forEpisode(BaselineMethod method, ZoneId zone, Duration step, Instant start,
            Instant end) {
        Reach reach = method.reach(LocalDate.ofInstant(start, zone));
        Instant from = LoadSeries.alignedStart(start.minus(reach.before()), step);
        Instant to = alignedEnd(end, step);
        LocalDateTime localFrom = LocalDateTime.ofInstant(from, zone);
        LocalDateTime localTo = LocalDateTime.ofInstant(to, zone);
        if (!localFrom.toLocalDate().equals(LocalDateTime.ofInstant(to.minusNanos(1), zone).toLocalDate())) {
            Instant firstDay = localFrom.toLocalDate().minusDays(reach.daysBack()).atStartOfDay(zone).toInstant();
            return List.of(new TimeWindow(LoadSeries.alignedStart(firstDay, step), to));
        }
        List<TimeWindow> windows = new ArrayList<>(reach.daysBack() + 1);
        for (int days = 0; days <= reach.daysBack(); days++) {
            Instant dayFrom = LoadSeries.alignedStart(firstOccurrence(localFrom.minusDays(days), zone), step);
            Instant dayTo = alignedEnd(firstOccurrence(localTo.minusDays(days), zone), step);
            if (dayTo.isAfter(dayFrom)) {
                windows.add(new TimeWindow(dayFrom, dayTo));
            }
        }
        return windows;
    }

    /** Windows sorted and merged where they overlap or touch. */
    static List<TimeWindow> merge(List<TimeWindow> windows) {
        List<TimeWindow> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparing(TimeWindow::start));
        List<TimeWindow> merged = new ArrayList<>();
        for (TimeWindow window : sorted) {
            if (!merged.isEmpty() && !window.start().isAfter(merged.getLast().end())) {
                TimeWindow last = merged.removeLast();
                merged.add(new TimeWindow(last.start(),
                        window.end().isAfter(last.end()) ? window.end() : last.end()));
            } else {
                merged.add(window);
            }
        }
        return merged;
    }

    /** The end of the settlement interval that holds the instant just before {@code instant}. */
    static Instant alignedEnd(Instant instant, Duration step) {
        Instant start = LoadSeries.alignedStart(instant, step);
        return start.equals(instant) ? instant : start.plus(step);
    }

    /** The local time's first occurrence; for one the clocks skip, the instant they skipped it. */
    private static Instant firstOccurrence(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return local.atZone(zone).toInstant();
    }
}
