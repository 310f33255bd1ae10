package io.gridflex.siteagent.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.gridflex.siteagent.execution.ShedPlanner.Candidate;

class ShedPlannerTest {

    private static Candidate free(String id, double w) {
        return new Candidate(id, w, false);
    }

    private static Candidate held(String id, double w) {
        return new Candidate(id, w, true);
    }

    private static List<String> ids(List<Candidate> chosen) {
        return chosen.stream().map(Candidate::endpoint).toList();
    }

    @Test
    void nothingToShedChoosesNobody() {
        assertThat(ShedPlanner.plan(List.of(free("a", 3000)), 0)).isEmpty();
    }

    @Test
    void takesBiggestFirstAndFinishesWithTheSmallestMinerThatCovers() {
        List<Candidate> fleet = List.of(free("s19-1", 2990), free("s19-2", 2992), free("s21-1", 3480),
                free("s21-2", 3482), free("s9", 1300));

        // 4.5 kW: the biggest S21 leaves 1.018 kW, which the S9 covers; a second S21 would overshoot by far more.
        List<Candidate> chosen = ShedPlanner.plan(fleet, 4500);

        assertThat(ids(chosen)).containsExactly("s21-2", "s9");
    }

    @Test
    void stopsTheLeastEfficientMinersFirst() {
        // An S9 at 98 J/TH earns least per kW; S19 XP at 21.5 J/TH, S21 at 17.5 J/TH, readings a few percent apart.
        List<Candidate> fleet = List.of(new Candidate("s21-1", 3480, false, 17.5),
                new Candidate("s19-1", 2990, false, 21.4), new Candidate("s19-2", 2985, false, 21.9),
                new Candidate("s9-1", 1300, false, 98), new Candidate("s9-2", 1310, false, 97),
                new Candidate("s21-2", 3482, false, 17.6));

        // 5 kW: both S9 (2.61 kW), then the less efficient S19 covers the rest; no S21 is touched.
        assertThat(ids(ShedPlanner.plan(fleet, 5000))).containsExactly("s9-2", "s9-1", "s19-2");
        // 9 kW: every S9 and S19 (8.585 kW), then the smallest S21 that covers.
        assertThat(ids(ShedPlanner.plan(fleet, 9000))).containsExactly("s9-2", "s9-1", "s19-2", "s19-1", "s21-1");
    }

    @Test
    void aSingleMinerThatCoversIsTheSmallestSuch() {
        List<Candidate> fleet = List.of(free("big", 3480), free("mid", 2990), free("small", 1300));

        assertThat(ids(ShedPlanner.plan(fleet, 2500))).containsExactly("mid");
    }

    @Test
    void prefersMinersAlreadyHeldAsleep() {
        List<Candidate> fleet = List.of(free("f1", 3000), free("f2", 3000), held("h1", 2990), held("h2", 2990),
                held("h3", 2990));

        // A revision lowered the target to 5.5 kW: keep two of the held miners, touch no running one.
        assertThat(ShedPlanner.plan(fleet, 5500)).hasSize(2).allMatch(Candidate::alreadyShed);
        // A revision raised it to 10 kW: all held, plus one more.
        assertThat(ShedPlanner.plan(fleet, 10_000)).hasSize(4).filteredOn(Candidate::alreadyShed).hasSize(3);
    }

    @Test
    void whenEvenEveryMinerFallsShortAllAreChosen() {
        List<Candidate> fleet = List.of(free("a", 3000), free("b", 3000));

        assertThat(ShedPlanner.plan(fleet, 10_000)).hasSize(2);
    }

    @Test
    void ignoresMinersThatWouldRemoveNothing() {
        List<Candidate> fleet = List.of(free("asleep", 0), free("a", 3000));

        assertThat(ids(ShedPlanner.plan(fleet, 5000))).containsExactly("a");
    }

    @Test
    void coversTheTargetAndNeverStopsMoreThanNeededPlusOneMiner() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            List<Candidate> fleet = new ArrayList<>();
            int size = 1 + random.nextInt(40);
            for (int i = 0; i < size; i++) {
                fleet.add(new Candidate("m" + i, 800 + random.nextInt(3000), false));
            }
            double total = ShedPlanner.reductionW(fleet);
            double target = random.nextDouble() * total * 1.1;

            List<Candidate> chosen = ShedPlanner.plan(fleet, target);

            assertThat(ShedPlanner.reductionW(chosen)).as("round %d", round)
                    .isGreaterThanOrEqualTo(Math.min(target, total) - 0.5);
            assertThat(chosen).doesNotHaveDuplicates();
            assertThat(chosen.size()).as("round %d: miners needed at the least are %d", round, fewestCovering(fleet,
                    target)).isLessThanOrEqualTo(fewestCovering(fleet, target) + 1);
        }
    }

    @Test
    void heldMinersFirstStillCoverTheTarget() {
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            List<Candidate> fleet = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                fleet.add(new Candidate("m" + i, 1000 + random.nextInt(2500), random.nextBoolean()));
            }
            double target = random.nextDouble() * ShedPlanner.reductionW(fleet);

            List<Candidate> chosen = ShedPlanner.plan(fleet, target);

            assertThat(ShedPlanner.reductionW(chosen)).isGreaterThanOrEqualTo(target - 0.5);
            double heldTotal = ShedPlanner.reductionW(fleet.stream().filter(Candidate::alreadyShed).toList());
            if (heldTotal >= target) {
                assertThat(chosen).as("round %d: held miners alone cover it", round).allMatch(Candidate::alreadyShed);
            }
        }
    }

    /** The fewest miners whose reductions reach the target: the biggest ones. */
    private static int fewestCovering(List<Candidate> fleet, double target) {
        List<Double> sorted = fleet.stream().map(Candidate::reductionW).sorted(Comparator.reverseOrder()).toList();
        double sum = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (sum + 0.5 >= target) {
                return i;
            }
            sum += sorted.get(i);
        }
        return sorted.size();
    }

    private static Candidate trimmable(String id, double w, double jPerTh, double trimmableW) {
        return new Candidate(id, w, false, jPerTh, trimmableW);
    }

    @Test
    void theLastPickIsReplacedByATrimOfTheLeastEfficientMinerThatCanTakeTheRest() {
        List<Candidate> fleet = List.of(trimmable("a", 3000, 40, 0), trimmable("b", 3000, 40, 0),
                trimmable("c", 3000, 20, 1500), trimmable("d", 3000, 22, 1500));
        // 7 kW: the two least efficient leave 1 kW; a third whole miner would overshoot by 2 kW.
        List<Candidate> plan = ShedPlanner.plan(fleet, 7000);
        ShedPlanner.Trimmed trimmed = ShedPlanner.trimLast(plan, fleet, 7000);

        assertThat(ShedPlanner.reductionW(plan)).isEqualTo(9000);
        assertThat(ShedPlanner.reductionW(trimmed.sleeps()) + trimmed.trimW()).isEqualTo(7000);
        assertThat(trimmed.trimW()).isEqualTo(ShedPlanner.reductionW(plan) - 2000 - ShedPlanner.reductionW(
                trimmed.sleeps()));
        assertThat(trimmed.trim().endpoint()).as("least efficient first").isEqualTo("d");
        assertThat(ids(trimmed.sleeps())).containsExactly("a", "b");
    }

    @Test
    void withoutAMinerThatCanTakeTheRestByAPowerTargetThePlanStands() {
        List<Candidate> plain = List.of(free("a", 3000), free("b", 3000), free("c", 3000));
        List<Candidate> plan = ShedPlanner.plan(plain, 7000);
        assertThat(ShedPlanner.trimLast(plan, plain, 7000)).isEqualTo(new ShedPlanner.Trimmed(plan, null, 0));

        // A power target may take at most 500 W off: not the 1 kW left.
        List<Candidate> shallow = List.of(free("a", 3000), free("b", 3000), trimmable("c", 3000, 30, 500));
        List<Candidate> shallowPlan = ShedPlanner.plan(shallow, 7000);
        assertThat(ShedPlanner.trimLast(shallowPlan, shallow, 7000).trim()).isNull();

        // Whole miners that shed exactly the target need no trim.
        List<Candidate> exact = ShedPlanner.plan(List.of(free("a", 3000), trimmable("b", 3000, 30, 1500)), 6000);
        assertThat(ShedPlanner.trimLast(exact, List.of(free("a", 3000), trimmable("b", 3000, 30, 1500)), 6000)
                .trim()).isNull();
    }
}
