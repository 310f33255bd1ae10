package io.gridflex.settlement.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.method.BaselineResult.LikeDay;
import io.gridflex.settlement.method.BaselineResult.SkipReason;
import io.gridflex.settlement.method.BaselineResult.SkippedDay;
import io.gridflex.settlement.method.PerformanceRules.Averaging;

/**
 * The worked examples of {@code docs/settlement-methods.md}, figure for figure. Each test's name is the example's
 * heading there; change both together.
 */
class WorkedExamplesTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final PerformanceRules MEAN = new PerformanceRules(false, false, Averaging.MEAN);

    private static LocalDateTime july(int day, int hour) {
        return LocalDateTime.of(2026, 7, day, hour, 0);
    }

    private static LocalDate july(int day) {
        return LocalDate.of(2026, 7, day);
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static DayCalendar calendar(Set<LocalDate> excluded) {
        return new DayCalendar(UTC, Holidays.nerc(2026, 2026), excluded);
    }

    @Test
    void example1High4Of5WithSymmetricAdditiveAdjustmentAndPayment() {
        Loads loads = Loads.hourly(UTC)
                .day(july(14), "100").day(july(13), "120").day(july(10), "500").day(july(9), "90")
                .day(july(8), "20").day(july(7), "110").day(july(6), "105").day(july(3), "100")
                .day(july(15), "125")
                .at(july(15, 10), "120").at(july(15, 11), "125").at(july(15, 12), "130")
                .at(july(15, 14), "25").at(july(15, 15), "35");
        TimeWindow event = loads.window(july(15, 14), july(15, 16));
        BaselineInput input = new BaselineInput(event, loads.series(), calendar(Set.of(july(10))));

        BaselineResult baseline = Methods.named(Methods.HIGH_4_OF_5, Map.of()).baseline(input);

        assertThat(baseline.status()).isEqualTo(BaselineResult.Status.COMPLETE);
        assertThat(baseline.likeDays()).containsExactly(
                new LikeDay(july(14), d("100.000"), true), new LikeDay(july(13), d("120.000"), true),
                new LikeDay(july(9), d("90.000"), false), new LikeDay(july(7), d("110.000"), true),
                new LikeDay(july(6), d("105.000"), true));
        assertThat(baseline.skippedDays()).containsExactly(new SkippedDay(july(10), SkipReason.EVENT_DAY),
                new SkippedDay(july(8), SkipReason.LOW_USAGE));
        assertThat(baseline.adjustment().window()).isEqualTo(loads.window(july(15, 10), july(15, 13)));
        assertThat(baseline.adjustment().actualKw()).isEqualTo(d("125.000"));
        assertThat(baseline.adjustment().baselineKw()).isEqualTo(d("108.750"));
        assertThat(baseline.adjustment().applied()).isEqualTo(d("16.250"));
        assertThat(baseline.intervals()).extracting(BaselineInterval::baselineKw, BaselineInterval::adjustedKw,
                BaselineInterval::actualKw)
                .containsExactly(
                        tuple(d("108.750"), d("125.000"), d("25.000")),
                        tuple(d("108.750"), d("125.000"), d("35.000")));

        PerformanceResult performance = Performance.evaluate(baseline, event, Commitment.reduction(d("100")), MEAN);

        assertThat(performance.status()).isEqualTo(PerformanceResult.Status.COMPLETE);
        assertThat(performance.intervals()).extracting(PerformanceInterval::deliveredKw, PerformanceInterval::factor)
                .containsExactly(tuple(d("100.000"), d("1.000000")),
                        tuple(d("90.000"), d("0.900000")));
        assertThat(performance.deliveredMwh()).isEqualTo(d("0.190000"));
        assertThat(performance.committedMwh()).isEqualTo(d("0.200000"));
        assertThat(performance.shortfallMwh()).isEqualTo(d("0.010000"));
        assertThat(performance.factor()).isEqualTo(d("0.950000"));

        Payment payment = Payments.of(performance, d("0.1"),
                new PaymentTerms(d("50.00"), d("1000.00"), d("300.00"), 30, d("0.7")));

        assertThat(payment.energy()).isEqualTo(d("9.50"));
        assertThat(payment.capacity()).isEqualTo(d("95.00"));
        assertThat(payment.nonPerformanceRate()).isEqualTo(d("3650.000000"));
        assertThat(payment.nonPerformance()).isEqualTo(d("36.50"));
        assertThat(payment.net()).isEqualTo(d("68.00"));
        assertThat(payment.owner()).isEqualTo(d("47.60"));
        assertThat(payment.aggregator()).isEqualTo(d("20.40"));
    }

    @Test
    void example2TenOfTenWithAClampedRatioAndANegativeTotalSetToZero() {
        Loads loads = Loads.hourly(UTC);
        List<Integer> weekdays = List.of(15, 14, 13, 10, 9, 8, 7, 6, 3, 2);
        for (int i = 0; i < weekdays.size(); i++) {
            loads.day(july(weekdays.get(i)), Integer.toString(91 + 2 * i));
        }
        loads.day(july(16), "130").at(july(16, 14), "60").at(july(16, 15), "150");
        BaselineMethod method = Methods.named(Methods.TEN_OF_TEN, Map.of());

        TimeWindow first = loads.window(july(16, 14), july(16, 15));
        BaselineResult one = method.baseline(new BaselineInput(first, loads.series(), calendar(Set.of())));

        assertThat(one.likeDays()).hasSize(10).allMatch(LikeDay::kept);
        assertThat(one.adjustment().baselineKw()).isEqualTo(d("100.000"));
        assertThat(one.adjustment().computed()).isEqualTo(d("1.300000"));
        assertThat(one.adjustment().applied()).isEqualTo(d("1.2"));
        assertThat(one.intervals().getFirst().adjustedKw()).isEqualTo(d("120.000"));
        assertThat(Performance.evaluate(one, first, Commitment.reduction(d("50")), MEAN).deliveredMwh())
                .isEqualTo(d("0.060000"));

        TimeWindow second = loads.window(july(16, 15), july(16, 16));
        BaselineResult two = method.baseline(new BaselineInput(second, loads.series(), calendar(Set.of())));
        PerformanceRules floored = new PerformanceRules(false, true, Averaging.ENERGY_WEIGHTED);

        assertThat(two.intervals().getFirst().adjustedKw()).isEqualTo(d("120.000"));
        assertThat(Performance.evaluate(two, second, Commitment.reduction(d("50")), MEAN).deliveredMwh())
                .isEqualTo(d("-0.030000"));
        PerformanceResult zero = Performance.evaluate(two, second, Commitment.reduction(d("50")), floored);
        assertThat(zero.deliveredMwh()).isEqualTo(d("0.000000"));
        assertThat(zero.factor()).isEqualTo(d("0.000000"));
        assertThat(zero.shortfallMwh()).isEqualTo(d("0.080000"));
    }

    @Test
    void example3Middle8Of10WithAnEventDayScalar() {
        Loads loads = Loads.hourly(UTC);
        List<Integer> weekdays = List.of(15, 14, 13, 10, 9, 8, 7, 6, 3, 2);
        List<String> levels = List.of("300", "130", "120", "110", "100", "90", "80", "70", "60", "50");
        for (int i = 0; i < weekdays.size(); i++) {
            loads.day(july(weekdays.get(i)), levels.get(i));
        }
        loads.day(july(16), "114").at(july(16, 14), "14");
        TimeWindow event = loads.window(july(16, 14), july(16, 15));

        BaselineResult baseline = Methods.named(Methods.MIDDLE_8_OF_10, Map.of())
                .baseline(new BaselineInput(event, loads.series(), calendar(Set.of())));

        assertThat(baseline.likeDays()).filteredOn(day -> !day.kept()).extracting(LikeDay::day)
                .containsExactlyInAnyOrder(july(15), july(2));
        assertThat(baseline.adjustment().window()).isEqualTo(loads.window(july(16, 12), july(16, 14)));
        assertThat(baseline.adjustment().baselineKw()).isEqualTo(d("95.000"));
        assertThat(baseline.adjustment().applied()).isEqualTo(d("1.200000"));
        assertThat(baseline.intervals().getFirst().adjustedKw()).isEqualTo(d("114.000"));
        assertThat(Performance.evaluate(baseline, event, Commitment.reduction(d("100")), MEAN).deliveredMwh())
                .isEqualTo(d("0.100000"));
    }

    @Test
    void example4Highest5Of10WithAnInDayAdjustment() {
        Loads loads = Loads.hourly(UTC);
        List<Integer> weekdays = List.of(15, 14, 13, 10, 9, 8, 7, 6, 3, 2);
        for (int i = 0; i < weekdays.size(); i++) {
            loads.day(july(weekdays.get(i)), Integer.toString(100 - 10 * i));
        }
        loads.day(july(16), "84").at(july(16, 14), "4");
        TimeWindow event = loads.window(july(16, 14), july(16, 15));

        BaselineResult baseline = Methods.named(Methods.HIGHEST_5_OF_10, Map.of())
                .baseline(new BaselineInput(event, loads.series(), calendar(Set.of())));

        assertThat(baseline.likeDays()).filteredOn(LikeDay::kept).extracting(LikeDay::day)
                .containsExactly(july(15), july(14), july(13), july(10), july(9));
        assertThat(baseline.adjustment().window()).isEqualTo(loads.window(july(16, 10), july(16, 12)));
        assertThat(baseline.adjustment().baselineKw()).isEqualTo(d("80.000"));
        assertThat(baseline.adjustment().applied()).isEqualTo(d("1.050000"));
        assertThat(baseline.intervals().getFirst().adjustedKw()).isEqualTo(d("84.000"));
        assertThat(Performance.evaluate(baseline, event, Commitment.reduction(d("80")), MEAN).deliveredMwh())
                .isEqualTo(d("0.080000"));
    }

    @Test
    void example5MeterBeforeMeterAfterOnQuarterHours() {
        Loads loads = Loads.every(Duration.ofMinutes(15), UTC)
                .at(july(16, 13), "100").at(july(16, 13).plusMinutes(15), "104")
                .at(july(16, 13).plusMinutes(30), "96").at(july(16, 13).plusMinutes(45), "100")
                .at(july(16, 14), "10").at(july(16, 14).plusMinutes(15), "20");
        TimeWindow event = loads.window(july(16, 14), july(16, 14).plusMinutes(30));

        BaselineResult baseline = Methods.named(MeterBefore.NAME, Map.of())
                .baseline(new BaselineInput(event, loads.series(), calendar(Set.of())));
        PerformanceResult performance = Performance.evaluate(baseline, event, Commitment.reduction(d("90")), MEAN);

        assertThat(baseline.intervals()).extracting(BaselineInterval::adjustedKw)
                .containsExactly(d("100.000"), d("100.000"));
        assertThat(performance.intervals()).extracting(PerformanceInterval::deliveredKwh)
                .containsExactly(d("22.500000"), d("20.000000"));
        assertThat(performance.deliveredMwh()).isEqualTo(d("0.042500"));
        assertThat(performance.shortfallMwh()).isEqualTo(d("0.002500"));
    }

    @Test
    void example6FirmServiceLevel() {
        Loads loads = Loads.hourly(UTC).at(july(16, 14), "150").at(july(16, 15), "250");
        TimeWindow event = loads.window(july(16, 14), july(16, 16));
        FirmServiceLevel method = (FirmServiceLevel) Methods.named(FirmServiceLevel.NAME,
                Map.of("reference-kw", "1000", "level-kw", "200"));

        BaselineResult baseline = method.baseline(new BaselineInput(event, loads.series(), calendar(Set.of())));
        PerformanceResult performance = Performance.evaluate(baseline, event, method.commitment(), MEAN);

        assertThat(performance.intervals()).extracting(PerformanceInterval::deliveredKw,
                PerformanceInterval::committedKw, PerformanceInterval::shortfallKw, PerformanceInterval::factor)
                .containsExactly(
                        tuple(d("850.000"), d("800.000"), d("0.000"), d("1.000000")),
                        tuple(d("750.000"), d("800.000"), d("50.000"),
                                d("0.937500")));
        assertThat(performance.shortfallMwh()).isEqualTo(d("0.050000"));
        assertThat(performance.factor()).isEqualTo(d("0.968750"));
    }

    @Test
    void example7GuaranteedLoadDropAgainstAComparisonDay() {
        Loads loads = Loads.hourly(UTC).day(july(9), "100").at(july(16, 14), "40").at(july(16, 15), "60");
        TimeWindow event = loads.window(july(16, 14), july(16, 16));

        BaselineResult baseline = Methods.named(ComparisonDay.NAME, Map.of("day", "2026-07-09"))
                .baseline(new BaselineInput(event, loads.series(), calendar(Set.of())));
        PerformanceResult performance = Performance.evaluate(baseline, event, Commitment.reduction(d("50")), MEAN);

        assertThat(performance.intervals()).extracting(PerformanceInterval::deliveredKw,
                PerformanceInterval::shortfallKw, PerformanceInterval::factor)
                .containsExactly(tuple(d("60.000"), d("0.000"), d("1.000000")),
                        tuple(d("40.000"), d("10.000"), d("0.800000")));
        assertThat(performance.factor()).isEqualTo(d("0.900000"));
    }
}
