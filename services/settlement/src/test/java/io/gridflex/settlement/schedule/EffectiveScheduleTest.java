package io.gridflex.settlement.schedule;

import static io.gridflex.settlement.schedule.Revisions.at;
import static io.gridflex.settlement.schedule.Revisions.event;
import static io.gridflex.settlement.schedule.Revisions.revision;
import static io.gridflex.settlement.schedule.Revisions.segment;
import static io.gridflex.settlement.schedule.Revisions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class EffectiveScheduleTest {

    @Test
    void eachRevisionGovernsFromItsIssueUntilAHigherOneIsIssued() {
        Revision first = revision(1, -60, segment(0, 60, event("vtn/e1", "100")));
        Revision second = revision(2, 20, segment(0, 60, event("vtn/e1", "50")));

        List<Piece> pieces = EffectiveSchedule.pieces(List.of(first, second), window(-100, 100));

        assertThat(pieces).extracting(Piece::start, Piece::end, Piece::revision).containsExactly(
                tuple(at(0), at(20), 1L),
                tuple(at(20), at(60), 2L));
        assertThat(pieces.get(1).segment().shedKw()).isEqualByComparingTo("50");
        assertThat(pieces.get(0).issuedAt()).isEqualTo(at(-60));
    }

    @Test
    void aRevisionAcceptedLaterThanItsIssueGovernsFromItsAcceptance() {
        // The site was offline when revision 2 was issued at 20 s: it went on with revision 1 until its link came
        // back at 90 s, when it accepted revision 2 and, right after, revision 3, issued at 40 s.
        Revision first = revision(1, -60, segment(0, 120, event("vtn/e1", "100")));
        Revision second = new Revision(Revisions.SITE, 2, at(20), List.of(segment(0, 30, event("vtn/e1", "100"))),
                at(90));
        Revision third = revision(3, 40);

        List<Piece> pieces = EffectiveSchedule.pieces(List.of(first, second, third), window(0, 120));

        assertThat(pieces).extracting(Piece::start, Piece::end, Piece::revision).containsExactly(
                tuple(at(0), at(40), 1L));
        // Revision 3's acceptance is not known yet: it stands for its issue, so revision 1 governs only until 40 s.
        Revision thirdAccepted = new Revision(Revisions.SITE, 3, at(40), List.of(), at(91));
        assertThat(EffectiveSchedule.pieces(List.of(first, second, thirdAccepted), window(0, 120)))
                .extracting(Piece::start, Piece::end, Piece::revision).containsExactly(
                        tuple(at(0), at(90), 1L));
        assertThat(EffectiveSchedule.governingAt(List.of(first, second, thirdAccepted), at(89)))
                .map(Revision::revision).hasValue(1L);
        assertThat(EffectiveSchedule.governingAt(List.of(first, second, thirdAccepted), at(90)))
                .map(Revision::revision).hasValue(2L);
    }

    @Test
    void anAcceptanceStampedBeforeTheIssueCountsFromTheIssue() {
        // An agent clock behind dispatch's: the revision cannot have governed before it existed.
        Revision revision = new Revision(Revisions.SITE, 1, at(10), List.of(segment(0, 60, event("vtn/e1", "5"))),
                at(5));

        assertThat(revision.governsFrom()).isEqualTo(at(10));
        assertThat(EffectiveSchedule.governingAt(List.of(revision), at(9))).isEmpty();
    }

    @Test
    void aLowerRevisionIssuedAfterAHigherOneNeverGoverns() {
        // Two dispatch clocks a little apart: the agent holds revision 2 and ignores revision 1 when it arrives.
        Revision higher = revision(2, 0, segment(0, 60, event("vtn/e1", "100")));
        Revision lower = revision(1, 10, segment(0, 60, event("vtn/e1", "999")));

        List<Piece> pieces = EffectiveSchedule.pieces(List.of(lower, higher), window(0, 60));

        assertThat(pieces).singleElement().satisfies(piece -> {
            assertThat(piece.revision()).isEqualTo(2);
            assertThat(piece.window()).isEqualTo(window(0, 60));
        });
    }

    @Test
    void ofRevisionsIssuedAtTheSameInstantTheHigherGoverns() {
        Revision one = revision(1, 0, segment(0, 60, event("vtn/e1", "100")));
        Revision two = revision(2, 0, segment(0, 60, event("vtn/e1", "70")));

        assertThat(EffectiveSchedule.pieces(List.of(two, one), window(0, 60)))
                .extracting(Piece::revision).containsExactly(2L);
        assertThat(EffectiveSchedule.governingAt(List.of(one, two), at(0))).map(Revision::revision).hasValue(2L);
    }

    @Test
    void aRevisionWithoutSegmentsEndsEveryReductionFromItsIssue() {
        Revision shed = revision(1, -60, segment(0, 60, event("vtn/e1", "100")));
        Revision released = revision(2, 30);

        assertThat(EffectiveSchedule.pieces(List.of(shed, released), window(0, 60)))
                .extracting(Piece::window).containsExactly(window(0, 30));
    }

    @Test
    void piecesAreCutToTheWindowAndGapsHoldNothing() {
        Revision revision = revision(1, -60, segment(0, 20, event("vtn/e1", "100")),
                segment(40, 80, event("vtn/e1", "100")));

        assertThat(EffectiveSchedule.pieces(List.of(revision), window(10, 60)))
                .extracting(Piece::window).containsExactly(window(10, 20), window(40, 60));
    }

    @Test
    void aRevisionIssuedBeforeTheWindowGovernsInsideIt() {
        Revision revision = revision(1, -86_400, segment(0, 60, event("vtn/e1", "100")));

        assertThat(EffectiveSchedule.pieces(List.of(revision), window(30, 90)))
                .extracting(Piece::window).containsExactly(window(30, 60));
    }

    @Test
    void nothingGovernsBeforeTheFirstIssue() {
        Revision revision = revision(1, 0, segment(-30, 60, event("vtn/e1", "100")));

        assertThat(EffectiveSchedule.governingAt(List.of(revision), at(-1))).isEmpty();
        assertThat(EffectiveSchedule.governingAt(List.of(revision), at(0))).hasValue(revision);
        // The part of the segment before the issue was never in force.
        assertThat(EffectiveSchedule.pieces(List.of(revision), window(-60, 60)))
                .extracting(Piece::window).containsExactly(window(0, 60));
    }

    @Test
    void theOrderTheRevisionsArriveInDoesNotMatter() {
        List<Revision> revisions = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            revisions.add(revision(n, n * 7L, segment(n * 5L, n * 5L + 200, event("vtn/e" + n % 3,
                    BigDecimal.valueOf(n).toPlainString()))));
        }
        List<Piece> inOrder = EffectiveSchedule.pieces(revisions, window(0, 300));

        Collections.shuffle(revisions, new Random(11));

        assertThat(EffectiveSchedule.pieces(revisions, window(0, 300))).isEqualTo(inOrder);
        assertThat(inOrder).extracting(Piece::revision).isSorted();
    }
}
