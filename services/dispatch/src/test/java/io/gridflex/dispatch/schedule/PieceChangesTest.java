package io.gridflex.dispatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.ScheduleSegment.Kind;

class PieceChangesTest {

    private static final Instant T0 = Instant.parse("2026-12-02T17:00:00Z");

    @Test
    void theSamePiecesFromNowOnChangeNoSite() {
        List<SitePiece> before = List.of(piece("a", 0, 60, 500), piece("b", 30, 90, 200));
        // A re-allocation at minute 10 cuts a's piece under way and gives it the same from then on.
        List<SitePiece> after = List.of(piece("a", 10, 60, 500), piece("b", 30, 90, 200));

        assertThat(PieceChanges.sites(before, after, at(10))).isEmpty();
    }

    @Test
    void aChangedAddedOrWithdrawnPieceChangesItsSiteOnly() {
        List<SitePiece> before = List.of(piece("a", 0, 60, 500), piece("b", 30, 90, 200), piece("c", 0, 60, 100));
        List<SitePiece> after = List.of(piece("a", 10, 60, 400), piece("c", 10, 60, 100), piece("d", 20, 40, 50));

        assertThat(PieceChanges.sites(before, after, at(10))).containsExactly("a", "b", "d");
    }

    @Test
    void consecutivePiecesOfTheSameSizeAreOneShape() {
        List<SitePiece> before = List.of(piece("a", 0, 60, 500));
        List<SitePiece> after = List.of(piece("a", 10, 30, 500), piece("a", 30, 60, 500));

        assertThat(PieceChanges.sites(before, after, at(10))).isEmpty();
        assertThat(PieceChanges.sites(before, List.of(piece("a", 10, 30, 500), piece("a", 30, 60, 501)), at(10)))
                .containsExactly("a");
    }

    private static SitePiece piece(String site, int from, int to, long deciKw) {
        return new SitePiece("vtn/e", "p", Kind.EVENT, site, at(from), at(to), deciKw, null);
    }

    private static Instant at(int minute) {
        return T0.plusSeconds(60L * minute);
    }
}
