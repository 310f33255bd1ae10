package io.gridflex.settlement.attribution;

import java.time.Instant;
import java.util.List;

import io.gridflex.settlement.schedule.Piece;
import io.gridflex.settlement.schedule.ShareKey;

/**
 * A shed episode: a maximal span of a site's time in which the effective schedule holds a reduction without a break.
 * Its baseline is taken once, before it starts, so a reduction added during the episode (an event announced while
 * another runs) is not measured against a meter the first one already lowered.
 *
 * @param pieces the effective schedule's pieces, in time order, back to back, each holding a reduction
 * @param startKnown false when the search for the start gave up before finding a piece without reduction: no baseline
 *        can honestly be placed before such an episode
 */
public record Episode(List<Piece> pieces, boolean startKnown) {

    public Episode {
        pieces = List.copyOf(pieces);
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("an episode has at least one piece");
        }
    }

    public Instant start() {
        return pieces.getFirst().start();
    }

    public Instant end() {
        return pieces.getLast().end();
    }

    /** True when {@code key} has a contribution in any of its pieces. */
    public boolean involves(ShareKey key) {
        return pieces.stream().anyMatch(piece -> piece.involves(key));
    }
}
