package io.gridflex.settlement.attribution;

import static io.gridflex.settlement.schedule.Revisions.at;
import static io.gridflex.settlement.schedule.Revisions.event;
import static io.gridflex.settlement.schedule.Revisions.override;
import static io.gridflex.settlement.schedule.Revisions.revision;
import static io.gridflex.settlement.schedule.Revisions.segment;
import static io.gridflex.settlement.schedule.Revisions.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.schedule.Revision;

class EpisodeSearchTest {

    private static final long HOUR = 3600;
    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void anEpisodeThatBeganHoursBeforeTheEventIsFoundWhole() {
        // An operator override from -5 h to +1 h; the event joins it for its last minute.
        Search search = new Search(
                revision(1, -10 * HOUR, segment(-5 * HOUR, HOUR, override("operator/o1", "50"))),
                revision(2, -60, segment(-5 * HOUR, 0, override("operator/o1", "50")),
                        segment(0, 60, override("operator/o1", "50"), event("vtn/e1", "100")),
                        segment(60, HOUR, override("operator/o1", "50"))));

        List<Episode> episodes = EpisodeSearch.around(search::around, window(0, 60), WEEK);

        assertThat(episodes).singleElement().satisfies(episode -> {
            assertThat(episode.start()).isEqualTo(at(-5 * HOUR));
            assertThat(episode.end()).isEqualTo(at(HOUR));
            assertThat(episode.startKnown()).isTrue();
        });
        assertThat(search.asked).allSatisfy(w -> assertThat(w.length()).isLessThan(Duration.ofHours(24)));
    }

    @Test
    void anEpisodeStillGoingAtTheSearchBoundHasNoKnownStart() {
        Search search = new Search(revision(1, -100 * HOUR, segment(-90 * HOUR, 60, event("vtn/e1", "100"))));

        List<Episode> episodes = EpisodeSearch.around(search::around, window(0, 60), Duration.ofHours(5));

        assertThat(episodes).singleElement().satisfies(episode -> {
            assertThat(episode.startKnown()).isFalse();
            assertThat(episode.end()).isEqualTo(at(60));
        });
    }

    @Test
    void anEarlierEpisodeThatEndedIsLeftApart() {
        Search search = new Search(revision(1, -2 * HOUR, segment(-2 * HOUR, -HOUR, event("vtn/e0", "100")),
                segment(0, 60, event("vtn/e1", "100"))));

        List<Episode> episodes = EpisodeSearch.around(search::around, window(0, 60), WEEK);

        assertThat(episodes.getLast().start()).isEqualTo(at(0));
        assertThat(episodes.getLast().startKnown()).isTrue();
        assertThat(episodes).allSatisfy(e -> assertThat(e.start()).isNotEqualTo(at(-HOUR)));
    }

    @Test
    void theSearchGoesOnAfterTheEventWhileTheSiteStillSheds() {
        Search search = new Search(revision(1, -60, segment(0, 60, event("vtn/e1", "100")),
                segment(60, 3 * HOUR, override("operator/o1", "20"))));

        List<Episode> episodes = EpisodeSearch.around(search::around, window(0, 60), WEEK);

        assertThat(episodes).singleElement().satisfies(e -> assertThat(e.end()).isEqualTo(at(3 * HOUR)));
    }

    /** Stored revisions in memory, recording the windows it was asked about. */
    private static final class Search {

        private final List<Revision> revisions;
        private final List<TimeWindow> asked = new ArrayList<>();

        Search(Revision... revisions) {
            this.revisions = List.of(revisions);
        }

        List<Revision> around(TimeWindow window) {
            asked.add(window);
            return revisions;
        }
    }
}
