package io.gridflex.siteagent.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.siteagent.execution.RestorePlanner.Releasable;

class RestorePlannerTest {

    private static List<Releasable> miners(int n, double w) {
        List<Releasable> queue = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            queue.add(new Releasable("m" + i, w));
        }
        return queue;
    }

    private static List<String> ids(List<Releasable> stage) {
        return stage.stream().map(Releasable::endpoint).toList();
    }

    @Test
    void aStageAddsAtMostTheStageDraw() {
        List<Releasable> stage = RestorePlanner.nextStage(miners(6, 3000), 10_000, 7_000, 100_000);

        assertThat(ids(stage)).containsExactly("m0", "m1");
    }

    @Test
    void aMinerBiggerThanAStageStillComesBackAlone() {
        List<Releasable> stage = RestorePlanner.nextStage(miners(3, 3500), 0, 2_000, 100_000);

        assertThat(ids(stage)).containsExactly("m0");
    }

    @Test
    void neverProjectsTheSiteAboveItsImportLimit() {
        // 24 kW running, 25.5 kW limit: one 3 kW miner would take the site to 27 kW.
        assertThat(RestorePlanner.nextStage(miners(4, 3000), 24_000, 9_000, 25_500)).isEmpty();
        // With 20 kW running, one fits but not two.
        assertThat(ids(RestorePlanner.nextStage(miners(4, 3000), 20_000, 9_000, 25_500))).containsExactly("m0");
    }

    @Test
    void aSmallerMinerFurtherDownFillsRoomABiggerOneCannot() {
        List<Releasable> queue = List.of(new Releasable("s21", 3500), new Releasable("s9", 1300));

        assertThat(ids(RestorePlanner.nextStage(queue, 22_000, 9_000, 25_000))).containsExactly("s9");
    }

    @Test
    void stagedRestoreOfAWholeQueueStaysUnderTheLimitAtEveryStage() {
        List<Releasable> queue = new ArrayList<>(miners(10, 2990));
        double site = 6_000;
        double limit = 33_000;
        int stages = 0;
        while (!queue.isEmpty()) {
            List<Releasable> stage = RestorePlanner.nextStage(queue, site, 6_500, limit);
            if (stage.isEmpty()) {
                break;
            }
            stages++;
            for (Releasable miner : stage) {
                site += miner.incrementW();
                queue.remove(miner);
            }
            assertThat(site).isLessThanOrEqualTo(limit);
        }
        // 10 miners, two per stage, until the 33 kW limit stops the last one: 6 + 9 x 2.99 = 32.91 kW.
        assertThat(queue).hasSize(1);
        assertThat(stages).isEqualTo(5);
    }
}
