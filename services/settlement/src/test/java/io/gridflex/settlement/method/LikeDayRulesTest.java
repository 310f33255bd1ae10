package io.gridflex.settlement.method;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.method.BaselineResult.LikeDay;
import io.gridflex.settlement.method.BaselineResult.SkipReason;
import io.gridflex.settlement.method.BaselineResult.SkippedDay;
import io.gridflex.settlement.method.BaselineResult.Status;
import io.gridflex.settlement.method.PerformanceRules.Averaging;

/** Like-day eligibility, time zones and DST, and what happens when the data is not there. */
class LikeDayRulesTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final BaselineMethod HIGH_4_OF_5 = Methods.named(Methods.HIGH_4_OF_5, Map.of());

    private static DayCalendar calendar() {
        return new DayCalendar(NEW_YORK, Holidays.nerc(2026, 2026), Set.of());
    }

    private static Loads everyDay(LocalDate from, LocalDate to, String kw) {
        Loads loads = Loads.hourly(NEW_YORK);
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            loads.day(day, kw);
        }
        return loads;
    }

    @Test
    void likeDaysAreMatchedByLocalTimeAcrossTheSpringClockChange() {
        // DST starts on Sunday 2026-03-08. At 14:00 local every day draws 100 kW, at 13:00 local 1,000 kW: matching
        // by UTC hour would take 13:00 local on the winter days and state a baseline far above 100.
        LocalDate eventDay = LocalDate.of(2026, 3, 10);
        Loads loads = everyDay(LocalDate.of(2026, 2, 1), eventDay, "1000");
        for (LocalDate day = LocalDate.of(2026, 2, 1); day.isBefore(eventDay); day = day.plusDays(1)) {
            loads.at(day.atTime(14, 0), "100");
        }
        TimeWindow event = loads.window(eventDay.atTime(14, 0), eventDay.atTime(15, 0));

        BaselineResult result = HIGH_4_OF_5.baseline(new BaselineInput(event, loads.series(), calendar()));

        assertThat(result.likeDays()).extracting(LikeDay::day).containsExactly(LocalDate.of(2026, 3, 9),
                LocalDate.of(2026, 3, 6), LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 4),
                LocalDate.of(2026, 3, 3));
        assertThat(result.intervals()).singleElement()
                .satisfies(interval -> assertThat(interval.baselineKw()).isEqualTo(new BigDecimal("100.000")));
        assertThat(result.adjustment().applied()).isEqualTo(new BigDecimal("0.000"));
    }

    @Test
    void aLikeDayWithoutTheEventsLocalHourIsSkippedAndTheWindowMayCrossMidnight() {
        // A Saturday event at 02:00 local: Sunday 2026-03-08 has no 02:00, so it cannot be a like day. The additive
        // window (22:00 to 01:00) starts the evening before.
        LocalDate eventDay = LocalDate.of(2026, 3, 14);
        Loads loads = everyDay(LocalDate.of(2026, 2, 1), eventDay, "100")
                .at(LocalDateTime.of(2026, 3, 13, 22, 0), "130").at(LocalDateTime.of(2026, 3, 13, 23, 0), "130")
                .at(eventDay.atTime(0, 0), "130");
        TimeWindow event = loads.window(eventDay.atTime(2, 0), eventDay.atTime(3, 0));

        BaselineResult result = HIGH_4_OF_5.baseline(new BaselineInput(event, loads.series(), calendar()));

        assertThat(result.skippedDays()).containsExactly(
                new SkippedDay(LocalDate.of(2026, 3, 8), SkipReason.INCOMPLETE_DATA));
        assertThat(result.likeDays()).extracting(LikeDay::day).containsExactly(LocalDate.of(2026, 3, 7),
                LocalDate.of(2026, 3, 1), LocalDate.of(2026, 2, 28));
        assertThat(result.adjustment().window().start()).isEqualTo(
                LocalDateTime.of(2026, 3, 13, 22, 0).atZone(NEW_YORK).toInstant());
        assertThat(result.adjustment().applied()).isEqualTo(new BigDecimal("30.000"));
        assertThat(result.intervals().getFirst().adjustedKw()).isEqualTo(new BigDecimal("130.000"));
    }

    @Test
    void bothRunsOfTheRepeatedAutumnHourAreMeasuredAgainstTheLikeDaysSameHour() {
        LocalDate eventDay = LocalDate.of(2026, 11, 1);
        Loads loads = everyDay(LocalDate.of(2026, 9, 15), eventDay, "100");
        for (LocalDate day = LocalDate.of(2026, 9, 15); day.isBefore(eventDay); day = day.plusDays(1)) {
            loads.at(day.atTime(1, 0), "70");
        }
        TimeWindow event = loads.window(eventDay.atTime(1, 0), eventDay.atTime(2, 0));

        BaselineResult result = HIGH_4_OF_5.baseline(new BaselineInput(event, loads.series(), calendar()));

        assertThat(event.length()).hasHours(2);
        assertThat(result.intervals()).hasSize(2)
                .allSatisfy(interval -> assertThat(interval.baselineKw()).isEqualTo(new BigDecimal("70.000")));
    }

    @Test
    void aHolidayIsALikeDayOfWeekendsOnlyAndAPriorEventDayNever() {
        LocalDate memorialDay = LocalDate.of(2026, 5, 25);
        Loads loads = everyDay(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 27), "100");
        DayCalendar withPriorEvent = new DayCalendar(NEW_YORK, Holidays.nerc(2026, 2026),
                Set.of(LocalDate.of(2026, 5, 23)));

        BaselineResult onHoliday = HIGH_4_OF_5.baseline(new BaselineInput(
                loads.window(memorialDay.atTime(14, 0), memorialDay.atTime(15, 0)), loads.series(), withPriorEvent));
        BaselineResult dayAfter = HIGH_4_OF_5.baseline(new BaselineInput(
                loads.window(memorialDay.plusDays(1).atTime(14, 0), memorialDay.plusDays(1).atTime(15, 0)),
                loads.series(), withPriorEvent));

        assertThat(onHoliday.likeDays()).extracting(LikeDay::day).containsExactly(LocalDate.of(2026, 5, 24),
                LocalDate.of(2026, 5, 17), LocalDate.of(2026, 5, 16));
        assertThat(onHoliday.skippedDays()).containsExactly(
                new SkippedDay(LocalDate.of(2026, 5, 23), SkipReason.EVENT_DAY));
        assertThat(dayAfter.likeDays()).extracting(LikeDay::day).first().isEqualTo(LocalDate.of(2026, 5, 22));
        assertThat(dayAfter.skippedDays()).containsExactly(new SkippedDay(memorialDay, SkipReason.HOLIDAY));
    }

    @Test
    void tooFewLikeDaysStateNoBaselineAndNoPerformance() {
        LocalDate eventDay = LocalDate.of(2026, 7, 16);
        Loads loads = everyDay(LocalDate.of(2026, 7, 13), eventDay, "100");
        TimeWindow event = loads.window(eventDay.atTime(14, 0), eventDay.atTime(15, 0));

        BaselineResult result = HIGH_4_OF_5.baseline(new BaselineInput(event, loads.series(), calendar()));

        assertThat(result.status()).isEqualTo(Status.INSUFFICIENT_LIKE_DAYS);
        assertThat(result.problem()).contains("found 3 of the 5 like days");
        assertThat(result.intervals()).singleElement().satisfies(interval -> {
            assertThat(interval.baselineKw()).isNull();
            assertThat(interval.actualKw()).isEqualTo(new BigDecimal("100.000"));
        });
        assertThat(Performance.evaluate(result, event, Commitment.reduction(BigDecimal.TEN),
                new PerformanceRules(true, true, Averaging.MEAN)).status())
                .isEqualTo(PerformanceResult.Status.NO_BASELINE);
    }

    @Test
    void aLikeDayMissingAnEventHourIsReplacedAndAnUnmeteredAdjustmentWindowStatesNoBaseline() {
        LocalDate eventDay = LocalDate.of(2026, 7, 16);
        Loads loads = everyDay(LocalDate.of(2026, 6, 1), eventDay, "100")
                .missing(LocalDateTime.of(2026, 7, 14, 14, 0));
        TimeWindow event = loads.window(eventDay.atTime(14, 0), eventDay.atTime(15, 0));

        BaselineResult complete = HIGH_4_OF_5.baseline(new BaselineInput(event, loads.series(), calendar()));
        loads.missing(eventDay.atTime(11, 0));
        BaselineResult gap = HIGH_4_OF_5.baseline(new BaselineInput(event, loads.series(), calendar()));

        assertThat(complete.skippedDays()).containsExactly(
                new SkippedDay(LocalDate.of(2026, 7, 14), SkipReason.INCOMPLETE_DATA));
        assertThat(complete.likeDays()).extracting(LikeDay::day).containsExactly(LocalDate.of(2026, 7, 15),
                LocalDate.of(2026, 7, 13), LocalDate.of(2026, 7, 10), LocalDate.of(2026, 7, 9),
                LocalDate.of(2026, 7, 8));
        assertThat(gap.status()).isEqualTo(Status.INSUFFICIENT_DATA);
        assertThat(gap.problem()).contains("adjustment window");
    }

    @Test
    void anUnmeteredEventIntervalDeliversNothingAndIsFlagged() {
        LocalDate eventDay = LocalDate.of(2026, 7, 16);
        Loads loads = everyDay(LocalDate.of(2026, 6, 1), eventDay, "100").at(eventDay.atTime(14, 0), "40")
                .missing(eventDay.atTime(15, 0));
        TimeWindow event = loads.window(eventDay.atTime(14, 0), eventDay.atTime(16, 0));

        PerformanceResult result = Performance.evaluate(
                HIGH_4_OF_5.baseline(new BaselineInput(event, loads.series(), calendar())), event,
                Commitment.reduction(new BigDecimal("60")), new PerformanceRules(true, false, Averaging.MEAN));

        assertThat(result.status()).isEqualTo(PerformanceResult.Status.PARTIAL);
        assertThat(result.intervals()).extracting(PerformanceInterval::metered).containsExactly(true, false);
        assertThat(result.deliveredMwh()).isEqualTo(new BigDecimal("0.060000"));
        assertThat(result.shortfallMwh()).isEqualTo(new BigDecimal("0.060000"));
        assertThat(result.factor()).isEqualTo(new BigDecimal("0.500000"));
    }
}
