package io.gridflex.settlement.attribution;

import static io.gridflex.settlement.schedule.Revisions.capOnly;
import static io.gridflex.settlement.schedule.Revisions.event;
import static io.gridflex.settlement.schedule.Revisions.revision;
import static io.gridflex.settlement.schedule.Revisions.segment;
import static io.gridflex.settlement.schedule.Revisions.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.schedule.EffectiveSchedule;
import io.gridflex.settlement.schedule.Revision;
import io.gridflex.settlement.schedule.Segment;

class EpisodesTest {

    @Test
    void piecesBackToBackAreOneEpisodeWhateverRevisionTheyComeFrom() {
        List<Episode> episodes = episodes(window(-100, 200),
                revision(1, -60, segment(0, 60, event("vtn/e1", "100"))),
                revision(2, 30, segment(30, 60, event("vtn/e1", "100")), segment(60, 90, event("vtn/e2", "40"))));

        assertThat(episodes).singleElement().satisfies(episode -> {
            assertThat(episode.start()).isEqualTo(window(0, 0).start());
            assertThat(episode.end()).isEqualTo(window(90, 90).start());
            assertThat(episode.pieces()).hasSize(3);
            assertThat(episode.startKnown()).isTrue();
        });
    }

    @Test
    void aGapOrASegmentWithoutReductionEndsTheEpisode() {
        Segment nothingHeld = new Segment(window(40, 40).start(), window(50, 50).start(), BigDecimal.ZERO, null,
                List.of(event("vtn/e2", "0")));
        List<Episode> episodes = episodes(window(-100, 200), revision(1, -60,
                segment(0, 20, event("vtn/e1", "100")),
                segment(30, 40, event("vtn/e1", "100")),
                nothingHeld,
                segment(50, 60, event("vtn/e1", "100"))));

        assertThat(episodes).extracting(e -> new TimeWindow(e.start(), e.end()))
                .containsExactly(window(0, 20), window(30, 40), window(50, 60));
    }

    @Test
    void anImportCapAloneHoldsAReduction() {
        List<Episode> episodes = episodes(window(-100, 200), revision(1, -60,
                segment(0, 30, event("vtn/e1", "100")),
                capOnly(30, 60, "250", event("vtn/cap", "0"))));

        assertThat(episodes).singleElement().satisfies(e -> assertThat(e.end()).isEqualTo(window(60, 60).start()));
    }

    @Test
    void anEpisodeAtTheStartOfTheSearchedTimeHasNoKnownStart() {
        List<Episode> episodes = episodes(window(10, 200), revision(1, -60, segment(0, 60, event("vtn/e1", "100")),
                segment(100, 120, event("vtn/e1", "100"))));

        assertThat(episodes).extracting(Episode::startKnown).containsExactly(false, true);
    }

    private static List<Episode> episodes(TimeWindow searched, Revision... revisions) {
        return Episodes.of(EffectiveSchedule.pieces(List.of(revisions), searched), searched);
    }
}
