package io.gridflex.minersim.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class MinerPowerModelTest {

    private static final double RUNNING = 3010.0;
    private static final double SLEEP = 18.0;
    private static final Duration WARM_UP = Duration.ofSeconds(60);
    private static final Duration SLEEP_RAMP = Duration.ofSeconds(2);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-07T12:00:00Z"));

    private MinerPowerModel model(PowerNoise noise, boolean awake) {
        return new MinerPowerModel(clock, RUNNING, SLEEP, WARM_UP, SLEEP_RAMP, noise, awake);
    }

    @Test
    void runningMinerDrawsItsNominalPowerAndAnHourGivesThatManyWattHours() {
        MinerPowerModel model = model(PowerNoise.none(), true);

        clock.advance(Duration.ofHours(1));

        assertThat(model.state()).isEqualTo(MinerState.RUNNING);
        assertThat(model.powerW()).isEqualTo(RUNNING);
        assertThat(model.energyWh()).isCloseTo(RUNNING, within(1e-9));
        assertThat(model.hashingFraction()).isEqualTo(1.0);
    }

    @Test
    void sleepRampsLinearlyToTheControlBoardDrawAndStopsHashingAtOnce() {
        MinerPowerModel model = model(PowerNoise.none(), true);

        assertThat(model.sleep()).isTrue();
        assertThat(model.state()).isEqualTo(MinerState.SLEEPING);
        assertThat(model.hashingFraction()).isZero();
        assertThat(model.powerW()).isEqualTo(RUNNING);

        clock.advance(Duration.ofSeconds(1));
        assertThat(model.powerW()).isCloseTo((RUNNING + SLEEP) / 2, within(1e-9));

        clock.advance(Duration.ofSeconds(1));
        assertThat(model.powerW()).isCloseTo(SLEEP, within(1e-9));

        clock.advance(Duration.ofSeconds(10));
        assertThat(model.powerW()).isEqualTo(SLEEP);
        // 2 s ramp (mean of both ends) then 10 s asleep.
        double expectedJoules = (RUNNING + SLEEP) / 2 * 2 + SLEEP * 10;
        assertThat(model.energyWh()).isCloseTo(expectedJoules / 3600, within(1e-9));
    }

    @Test
    void wakeUpRampsOverTheWarmUpAndReportsWakingUntilFullPower() {
        MinerPowerModel model = model(PowerNoise.none(), false);

        assertThat(model.wakeUp()).isTrue();
        clock.advance(Duration.ofSeconds(30));
        assertThat(model.state()).isEqualTo(MinerState.WAKING);
        assertThat(model.powerW()).isCloseTo((RUNNING + SLEEP) / 2, within(1e-9));
        assertThat(model.hashingFraction()).isCloseTo(0.5, within(1e-9));

        clock.advance(Duration.ofSeconds(30));
        assertThat(model.state()).isEqualTo(MinerState.RUNNING);
        assertThat(model.powerW()).isEqualTo(RUNNING);
        assertThat(model.energyWh()).isCloseTo((RUNNING + SLEEP) / 2 * 60 / 3600, within(1e-9));
    }

    @Test
    void wakingHalfwayDownTheSleepRampOnlyNeedsTheRestOfTheWarmUp() {
        MinerPowerModel model = model(PowerNoise.none(), true);
        model.sleep();
        clock.advance(Duration.ofSeconds(1));
        double halfway = (RUNNING + SLEEP) / 2;

        model.wakeUp();

        assertThat(model.powerW()).isCloseTo(halfway, within(1e-9));
        clock.advance(Duration.ofSeconds(29));
        assertThat(model.state()).isEqualTo(MinerState.WAKING);
        clock.advance(Duration.ofSeconds(1));
        assertThat(model.state()).isEqualTo(MinerState.RUNNING);
        assertThat(model.powerW()).isEqualTo(RUNNING);
    }

    @Test
    void repeatedCommandsChangeNothing() {
        MinerPowerModel model = model(PowerNoise.none(), true);
        assertThat(model.wakeUp()).isFalse();
        assertThat(model.sleep()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        double before = model.powerW();
        assertThat(model.sleep()).isFalse();
        assertThat(model.powerW()).isEqualTo(before);
    }

    @Test
    void energyDoesNotDependOnHowOftenItIsRead() {
        MutableClock otherClock = new MutableClock(clock.instant());
        PowerNoise noise = new PowerNoise(0.02, Duration.ofSeconds(5).toNanos(), 7L);
        MinerPowerModel readOften = model(noise, true);
        MinerPowerModel readOnce = new MinerPowerModel(otherClock, RUNNING, SLEEP, WARM_UP, SLEEP_RAMP, noise, true);

        Duration[] steps = {Duration.ofMillis(1300), Duration.ofSeconds(17), Duration.ofMillis(250),
                Duration.ofSeconds(45), Duration.ofMillis(7777)};
        String[] actions = {"sleep", "wakeup", "sleep", "wakeup", "none"};
        for (int i = 0; i < steps.length; i++) {
            for (int tick = 0; tick < 20; tick++) {
                clock.advance(steps[i].dividedBy(20));
                readOften.energyWh();
                readOften.powerW();
            }
            otherClock.advance(steps[i]);
            apply(readOften, actions[i]);
            apply(readOnce, actions[i]);
        }
        clock.advance(Duration.ofSeconds(100));
        otherClock.advance(Duration.ofSeconds(100));

        assertThat(readOften.energyWh()).isCloseTo(readOnce.energyWh(), within(1e-9));
    }

    @Test
    void energyIsTheIntegralOfTheReportedPowerCurve() {
        PowerNoise noise = new PowerNoise(0.03, Duration.ofSeconds(5).toNanos(), 11L);
        MinerPowerModel model = model(noise, true);
        double riemannJoules = 0;
        Duration step = Duration.ofMillis(10);
        // 3 s running, sleep; 20 s later wake up and run 90 s: ramps, noise jumps and both plateaus.
        for (int i = 0; i < 11_300; i++) {
            if (i == 300) {
                model.sleep();
            }
            if (i == 2_300) {
                model.wakeUp();
            }
            double before = model.powerW();
            clock.advance(step);
            double after = model.powerW();
            riemannJoules += (before + after) / 2 * 0.010;
        }

        // Fine sampling misses only the noise jumps that fall inside a step: far below 0.1 % here.
        assertThat(model.energyWh()).isCloseTo(riemannJoules / 3600, within(riemannJoules / 3600 * 1e-3));
        assertThat(model.energyWh()).isGreaterThan(0);
    }

    @Test
    void noiseStaysWithinItsAmplitude() {
        PowerNoise noise = new PowerNoise(0.02, 1_000_000_000L, 3L);
        for (long bucket = -100; bucket < 10_000; bucket++) {
            assertThat(noise.factor(bucket)).isBetween(0.98 * 0.98, 1.02 * 1.02);
        }
        MinerPowerModel model = model(noise, true);
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMillis(700));
            assertThat(model.powerW()).isBetween(RUNNING * 0.98 * 0.98, RUNNING * 1.02 * 1.02);
        }
    }

    @Test
    void differentSeedsGiveDifferentUnits() {
        PowerNoise a = new PowerNoise(0.02, 1_000_000_000L, 1L);
        PowerNoise b = new PowerNoise(0.02, 1_000_000_000L, 2L);
        assertThat(a.factor(0)).isNotEqualTo(b.factor(0));
        assertThat(a.factor(5)).isEqualTo(new PowerNoise(0.02, 1_000_000_000L, 1L).factor(5));
    }

    @Test
    void aClockGoingBackwardsNeverTakesEnergyBack() {
        MinerPowerModel model = model(PowerNoise.none(), true);
        clock.advance(Duration.ofSeconds(10));
        double energy = model.energyWh();
        clock.advance(Duration.ofSeconds(-5));

        assertThat(model.energyWh()).isEqualTo(energy);
    }

    @Test
    void rejectsImpossibleFigures() {
        assertThatThrownBy(() -> new MinerPowerModel(clock, 10, 20, WARM_UP, SLEEP_RAMP, PowerNoise.none(), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PowerNoise(0.7, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void apply(MinerPowerModel model, String action) {
        switch (action) {
            case "sleep" -> model.sleep();
            case "wakeup" -> model.wakeUp();
            default -> {
            }
        }
    }
}
