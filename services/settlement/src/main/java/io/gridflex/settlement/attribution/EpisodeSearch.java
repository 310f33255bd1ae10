package io.gridflex.settlement.attribution;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.schedule.EffectiveSchedule;
import io.gridflex.settlement.schedule.Revision;

/**
 * Finds a site's whole shed episodes around a span of time. An episode touching the span may have begun long before
 * it (the event was announced during another) or go on after it, and its baseline and its rounding need all of it, so
 * the search widens, an hour at first and doubling each time, until every episode that overlaps the span begins and
 * ends inside the searched time, or until {@code maxLength} on either side. An episode still going at that bound keeps
 * {@link Episode#startKnown()} false. Pure, given the revisions.
 */
public final class EpisodeSearch {

    /** Most episodes are an event or two long: an hour either side usually finds their ends at the first widening. */
    static final Duration FIRST_STEP = Duration.ofHours(1);

    private EpisodeSearch() {
    }

    /**
     * @param revisionsAround the site's revisions that can govern inside a window (see
     *        {@link EffectiveSchedule#pieces})
     * @return the site's episodes in the searched time, in time order; those overlapping {@code span} are whole
     */
    public static List<Episode> around(Function<TimeWindow, Collection<Revision>> revisionsAround, TimeWindow span,
            Duration maxLength) {
        Instant from = span.start();
        Instant to = span.end();
        Duration step = FIRST_STEP;
        while (true) {
            TimeWindow searched = new TimeWindow(from, to);
            List<Episode> episodes = Episodes.of(EffectiveSchedule.pieces(revisionsAround.apply(searched), searched),
                    searched);
            boolean earlier = beganBefore(episodes, span, searched)
                    && Duration.between(from, span.start()).compareTo(maxLength) < 0;
            boolean later = goesOnAfter(episodes, span, searched)
                    && Duration.between(span.end(), to).compareTo(maxLength) < 0;
            if (!earlier && !later) {
                return episodes;
            }
            from = earlier ? from.minus(step) : from;
            to = later ? to.plus(step) : to;
            step = step.multipliedBy(2);
        }
    }

    /** The first episode reaching into the span starts where the search starts, so may have started earlier. */
    private static boolean beganBefore(List<Episode> episodes, TimeWindow span, TimeWindow searched) {
        return episodes.stream().filter(e -> e.end().isAfter(span.start())).findFirst()
                .map(e -> e.start().equals(searched.start()))
                .orElse(false);
    }

    /** The last episode reaching into the span ends where the search ends, so may go on later. */
    private static boolean goesOnAfter(List<Episode> episodes, TimeWindow span, TimeWindow searched) {
        return episodes.reversed().stream().filter(e -> e.start().isBefore(span.end())).findFirst()
                .map(e -> e.end().equals(searched.end()))
                .orElse(false);
    }
}
