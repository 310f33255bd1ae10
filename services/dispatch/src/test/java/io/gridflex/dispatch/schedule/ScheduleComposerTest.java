package io.gridflex.dispatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.ScheduleSegment.Contribution;
import io.gridflex.messages.ScheduleSegment.Kind;

class ScheduleComposerTest {

    private static final Instant T0 = Instant.parse("2026-12-02T17:00:00Z");

    @Test
    void overlappingEventsAddUpAndEachSegmentSaysWhoAsksForWhat() {
        List<SitePiece> pieces = List.of(piece("vtn/a", 0, 60, 500, null), piece("vtn/b", 30, 90, 300, null));

        List<ScheduleSegment> segments = ScheduleComposer.compose(pieces, at(-10));

        assertThat(segments).hasSize(3);
        assertThat(segments.get(0)).isEqualTo(new ScheduleSegment(at(0), at(30), 50.0, null,
                List.of(contribution("vtn/a", 50.0, null))));
        assertThat(segments.get(1)).isEqualTo(new ScheduleSegment(at(30), at(60), 80.0, null,
                List.of(contribution("vtn/a", 50.0, null), contribution("vtn/b", 30.0, null))));
        assertThat(segments.get(2)).isEqualTo(new ScheduleSegment(at(60), at(90), 30.0, null,
                List.of(contribution("vtn/b", 30.0, null))));
    }

    @Test
    void aFutureEventLeavesTheSegmentUnderWayAsItWas() {
        List<SitePiece> running = List.of(piece("vtn/a", 0, 60, 500, null));
        List<SitePiece> withTomorrow = List.of(piece("vtn/a", 0, 60, 500, null),
                piece("vtn/tomorrow", 1440, 1500, 700, null));

        ScheduleSegment present = ScheduleComposer.compose(running, at(20)).getFirst();
        List<ScheduleSegment> after = ScheduleComposer.compose(withTomorrow, at(21));

        assertThat(after.getFirst()).isEqualTo(present);
        assertThat(after).hasSize(2);
        assertThat(after.get(1).start()).isEqualTo(at(1440));
    }

    @Test
    void segmentsThatHaveEndedAreLeftOutAndTheOneUnderWayKeepsItsStart() {
        List<SitePiece> pieces = List.of(piece("vtn/a", 0, 30, 100, null), piece("vtn/b", 20, 60, 100, null));

        List<ScheduleSegment> segments = ScheduleComposer.compose(pieces, at(40));

        assertThat(segments).singleElement().satisfies(s -> {
            assertThat(s.start()).isEqualTo(at(30));
            assertThat(s.eventIds()).containsExactly("vtn/b");
        });
    }

    @Test
    void neighboursAskedForByTheSameContributionsAreOneSegmentAndGapsAreNoSegment() {
        List<SitePiece> pieces = List.of(piece("vtn/a", 0, 30, 100, null), piece("vtn/a", 30, 60, 100, null),
                piece("vtn/a", 90, 120, 100, null));

        List<ScheduleSegment> segments = ScheduleComposer.compose(pieces, at(-1));

        assertThat(segments).extracting(ScheduleSegment::start, ScheduleSegment::end)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(at(0), at(60)),
                        org.assertj.core.groups.Tuple.tuple(at(90), at(120)));
    }

    @Test
    void theLowestImportCapHoldsAndOperatorActionsAreContributionsOfTheirOwn() {
        List<SitePiece> pieces = List.of(piece("vtn/a", 0, 60, 200, 4000L), piece("vtn/b", 0, 60, 100, 3500L),
                new SitePiece("operator/override-7", null, Kind.OVERRIDE, "site", at(0), at(60), 50, null));

        ScheduleSegment segment = ScheduleComposer.compose(pieces, at(0)).getFirst();

        assertThat(segment.shedKw()).isEqualTo(35.0);
        assertThat(segment.importCapKw()).isEqualTo(350.0);
        assertThat(segment.contributions()).extracting(Contribution::kind)
                .containsExactly(Kind.OVERRIDE, Kind.EVENT, Kind.EVENT);
        assertThat(segment.contributions().stream().mapToDouble(Contribution::kw).sum()).isEqualTo(35.0);
    }

    @Test
    void nothingAskedIsAnEmptySchedule() {
        assertThat(ScheduleComposer.compose(List.of(), at(0))).isEmpty();
        assertThat(ScheduleComposer.compose(List.of(piece("vtn/a", 0, 30, 100, null)), at(30))).isEmpty();
    }

    private static SitePiece piece(String eventId, int fromMinute, int toMinute, long deciKw, Long capDeciKw) {
        return new SitePiece(eventId, "program", Kind.EVENT, "site", at(fromMinute), at(toMinute), deciKw, capDeciKw);
    }

    private static Contribution contribution(String eventId, double kw, Double cap) {
        return new Contribution(eventId, "program", Kind.EVENT, kw, cap);
    }

    private static Instant at(int minute) {
        return T0.plusSeconds(60L * minute);
    }
}
