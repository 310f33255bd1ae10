package io.gridflex.dispatch.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which sites an event's new pieces change from now on. A piece under way counts from now (the part behind is
 * history), so a re-allocation that gives a site what it had leaves the site unchanged. Pure.
 */
public final class PieceChanges {

    private PieceChanges() {
    }

    /**
     * @param before the event's pieces that ended after {@code now}, before the change
     * @param after its pieces from {@code now} on, after the change
     */
    public static Set<String> sites(Collection<SitePiece> before, Collection<SitePiece> after, Instant now) {
        Map<String, List<String>> was = shapes(before, now);
        Map<String, List<String>> is = shapes(after, now);
        Set<String> changed = new TreeSet<>();
        Set<String> all = new TreeSet<>(was.keySet());
        all.addAll(is.keySet());
        for (String site : all) {
            if (!was.getOrDefault(site, List.of()).equals(is.getOrDefault(site, List.of()))) {
                changed.add(site);
            }
        }
        return changed;
    }

    private static Map<String, List<String>> shapes(Collection<SitePiece> pieces, Instant now) {
        Map<String, List<SitePiece>> bySite = new TreeMap<>();
        pieces.forEach(p -> bySite.computeIfAbsent(p.siteId(), s -> new ArrayList<>()).add(p));
        Map<String, List<String>> shapes = new TreeMap<>();
        bySite.forEach((site, sitePieces) -> {
            List<SitePiece> sorted = new ArrayList<>(sitePieces);
            sorted.sort(Comparator.comparing(SitePiece::start));
            List<String> shape = new ArrayList<>();
            SitePiece open = null;
            for (SitePiece piece : sorted) {
                SitePiece clipped = piece.start().isBefore(now) ? at(piece, now) : piece;
                if (open != null && open.end().equals(clipped.start()) && open.deciKw() == clipped.deciKw()
                        && Objects.equals(open.importCapDeciKw(), clipped.importCapDeciKw())) {
                    open = at(open, open.start(), clipped.end());
                } else {
                    if (open != null) {
                        shape.add(describe(open));
                    }
                    open = clipped;
                }
            }
            if (open != null) {
                shape.add(describe(open));
            }
            shapes.put(site, shape);
        });
        return shapes;
    }

    private static SitePiece at(SitePiece piece, Instant start) {
        return at(piece, start, piece.end());
    }

    private static SitePiece at(SitePiece piece, Instant start, Instant end) {
        return new SitePiece(piece.eventId(), piece.programId(), piece.kind(), piece.siteId(), start, end,
                piece.deciKw(), piece.importCapDeciKw());
    }

    private static String describe(SitePiece piece) {
        return piece.start() + "/" + piece.end() + "/" + piece.deciKw() + "/" + piece.importCapDeciKw();
    }
}
