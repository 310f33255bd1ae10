package io.gridflex.dispatch.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import io.gridflex.dispatch.allocation.DeciKw;
import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.ScheduleSegment.Contribution;

/**
 * Composes a site's schedule from every piece that asks something of it: the timeline is cut at every piece edge,
 * each cut's reduction is the sum of the pieces covering it and its cap the lowest of their caps, and neighbouring
 * cuts asked for by the same contributions are one segment. A segment already under way keeps its start, so an agent
 * recognises it as the one it executes, and a future event adds segments without touching the present. Pure.
 */
public final class ScheduleComposer {

    private ScheduleComposer() {
    }

    /**
     * The segments that end after {@code now}. Pieces that have ended still cut the timeline: the segment under way
     * starts where the last change before now happened, whichever piece made it, so recomposing later gives it the
     * same start. Callers pass every piece that ends after the earliest start of the pieces in force now.
     */
    public static List<ScheduleSegment> compose(Collection<SitePiece> pieces, Instant now) {
        List<SitePiece> all = List.copyOf(pieces);
        TreeSet<Instant> cuts = new TreeSet<>();
        all.forEach(p -> {
            cuts.add(p.start());
            cuts.add(p.end());
        });
        List<ScheduleSegment> segments = new ArrayList<>();
        Instant previous = null;
        for (Instant cut : cuts) {
            if (previous != null) {
                segment(all, previous, cut).ifPresent(next -> append(segments, next));
            }
            previous = cut;
        }
        return segments.stream().filter(s -> s.end().isAfter(now)).toList();
    }

    private static java.util.Optional<ScheduleSegment> segment(List<SitePiece> pieces, Instant start, Instant end) {
        List<SitePiece> covering = pieces.stream().filter(p -> p.covers(start))
                .sorted(Comparator.comparing(SitePiece::eventId)).toList();
        if (covering.isEmpty()) {
            return java.util.Optional.empty();
        }
        long total = 0;
        Long cap = null;
        List<Contribution> contributions = new ArrayList<>();
        for (SitePiece piece : covering) {
            total += piece.deciKw();
            if (piece.importCapDeciKw() != null) {
                cap = cap == null ? piece.importCapDeciKw() : Math.min(cap, piece.importCapDeciKw());
            }
            contributions.add(new Contribution(piece.eventId(), piece.programId(), piece.kind(),
                    DeciKw.toKw(piece.deciKw()),
                    piece.importCapDeciKw() == null ? null : DeciKw.toKw(piece.importCapDeciKw())));
        }
        return java.util.Optional.of(new ScheduleSegment(start, end, DeciKw.toKw(total),
                cap == null ? null : DeciKw.toKw(cap), contributions));
    }

    private static void append(List<ScheduleSegment> segments, ScheduleSegment next) {
        if (!segments.isEmpty()) {
            ScheduleSegment last = segments.getLast();
            if (last.end().equals(next.start()) && last.contributions().equals(next.contributions())) {
                segments.set(segments.size() - 1, new ScheduleSegment(last.start(), next.end(), last.shedKw(),
                        last.importCapKw(), last.contributions()));
                return;
            }
        }
        segments.add(next);
    }
}
