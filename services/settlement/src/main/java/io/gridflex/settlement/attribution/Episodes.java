package io.gridflex.settlement.attribution;

import java.util.ArrayList;
import java.util.List;

import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.schedule.Piece;

/** Cuts a site's effective schedule into shed episodes. Pure. */
public final class Episodes {

    private Episodes() {
    }

    /**
     * @param pieces the effective schedule inside {@code searched}, in time order
     * @param searched the span the pieces were computed for: an episode that begins at its start may have begun
     *        earlier, so its start is not known
     */
    public static List<Episode> of(List<Piece> pieces, TimeWindow searched) {
        List<Episode> episodes = new ArrayList<>();
        List<Piece> current = new ArrayList<>();
        for (Piece piece : pieces) {
            boolean continues = !current.isEmpty() && current.getLast().end().equals(piece.start());
            if (!piece.holdsReduction() || !continues) {
                close(current, searched, episodes);
            }
            if (piece.holdsReduction()) {
                current.add(piece);
            }
        }
        close(current, searched, episodes);
        return episodes;
    }

    private static void close(List<Piece> current, TimeWindow searched, List<Episode> episodes) {
        if (!current.isEmpty()) {
            episodes.add(new Episode(current, !current.getFirst().start().equals(searched.start())));
            current.clear();
        }
    }
}
