package io.gridflex.settlement.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.gridflex.settlement.baseline.TimeWindow;

/**
 * Which schedule governed a site when. A site agent holds the highest revision it has received and switches when it
 * accepts a new one, so the revision governing at instant {@code t} is the highest one governing from {@code t} or
 * before ({@link Revision#governsFrom()}: its acceptance as far as settlement knows it, else its issue). An agent
 * offline when a revision was issued goes on with the one it held until its link is back. Revisions the agent refused are left
 * out before they get here (the agent went on with the one it held). A revision that would govern after a higher one
 * (two dispatch clocks a little apart) never governs, as the agent would have ignored it. Pure.
 */
public final class EffectiveSchedule {

    private static final Comparator<Revision> GOVERNING_ORDER = Comparator.comparing(Revision::governsFrom)
            .thenComparingLong(Revision::revision);

    private EffectiveSchedule() {
    }

    /** The revision governing at {@code at}, if any governed by then. */
    public static Optional<Revision> governingAt(Collection<Revision> revisions, Instant at) {
        return revisions.stream()
                .filter(r -> !r.governsFrom().isAfter(at))
                .max(Comparator.comparingLong(Revision::revision));
    }

    /**
     * The effective schedule inside {@code window}, as pieces in time order: every segment of a governing revision,
     * cut to the span in which that revision governed and to the window. Time no piece covers held no segment.
     *
     * @param revisions the site's revisions: at least the one governing at the window's start and every one governing
     *        from inside it; others are harmless
     */
    public static List<Piece> pieces(Collection<Revision> revisions, TimeWindow window) {
        List<Piece> pieces = new ArrayList<>();
        List<Span> spans = governingSpans(revisions);
        for (int i = 0; i < spans.size(); i++) {
            Span span = spans.get(i);
            Instant spanEnd = i + 1 < spans.size() ? spans.get(i + 1).from() : window.end();
            Instant from = latest(span.from(), window.start());
            Instant to = earliest(spanEnd, window.end());
            if (!to.isAfter(from)) {
                continue;
            }
            for (Segment segment : span.revision().segments()) {
                Instant start = latest(segment.start(), from);
                Instant end = earliest(segment.end(), to);
                if (end.isAfter(start)) {
                    pieces.add(new Piece(start, end, span.revision().revision(), span.revision().issuedAt(),
                            segment));
                }
            }
        }
        return pieces;
    }

    /** Each revision that ever governed, with the instant from which it did, in time order. */
    private static List<Span> governingSpans(Collection<Revision> revisions) {
        List<Revision> ordered = new ArrayList<>(revisions);
        ordered.sort(GOVERNING_ORDER);
        List<Span> spans = new ArrayList<>();
        long highest = Long.MIN_VALUE;
        for (Revision revision : ordered) {
            if (revision.revision() <= highest) {
                continue;
            }
            highest = revision.revision();
            if (!spans.isEmpty() && spans.getLast().from().equals(revision.governsFrom())) {
                // Two revisions from the same instant: the higher one is what the agent ends up holding.
                spans.removeLast();
            }
            spans.add(new Span(revision.governsFrom(), revision));
        }
        return spans;
    }

    private record Span(Instant from, Revision revision) {
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
