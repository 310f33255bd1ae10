package io.gridflex.settlement.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.method.BaselineInput;
import io.gridflex.settlement.method.BaselineMethod;
import io.gridflex.settlement.method.BaselineResult;
import io.gridflex.settlement.method.DayCalendar;
import io.gridflex.settlement.method.FirmServiceLevel;
import io.gridflex.settlement.method.Holidays;
import io.gridflex.settlement.method.LoadSeries;
import io.gridflex.settlement.method.Methods;

/**
 * A statement reads only the windows {@link ReadWindows} plans; every method must give the same figures from them as
 * from all of the site's data, on ordinary days and on days around clock changes.
 */
class ReadWindowsTest {

    private static final Duration QUARTER = Duration.ofMinutes(15);
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    static Stream<Arguments> methodsAndEvents() {
        List<Arguments> all = new ArrayList<>();
        List<Object[]> events = List.of(
                // An afternoon event in summer.
                new Object[]{CHICAGO, LocalDateTime.of(2026, 7, 15, 14, 0), Duration.ofHours(2)},
                // The morning after clocks went forward: 02:00-03:00 did not exist the day before.
                new Object[]{CHICAGO, LocalDateTime.of(2026, 3, 9, 1, 0), Duration.ofMinutes(150)},
                new Object[]{CHICAGO, LocalDateTime.of(2026, 3, 9, 6, 30), Duration.ofHours(2)},
                // Adjustment windows a week after that: the look-back crosses the change.
                new Object[]{CHICAGO, LocalDateTime.of(2026, 3, 16, 6, 0), Duration.ofHours(3)},
                // The morning after clocks went back: 01:00-02:00 happened twice the day before.
                new Object[]{CHICAGO, LocalDateTime.of(2026, 11, 2, 5, 30), Duration.ofHours(2)},
                // Sundays a week after the clocks changed: the Sunday of the change is a like day.
                new Object[]{CHICAGO, LocalDateTime.of(2026, 3, 15, 7, 30), Duration.ofHours(2)},
                new Object[]{CHICAGO, LocalDateTime.of(2026, 11, 8, 5, 30), Duration.ofHours(2)},
                // Across midnight.
                new Object[]{CHICAGO, LocalDateTime.of(2026, 8, 20, 23, 0), Duration.ofHours(2)},
                // A half-hour clock change.
                new Object[]{LORD_HOWE, LocalDateTime.of(2026, 4, 6, 5, 0), Duration.ofHours(2)});
        for (String name : Methods.NAMES) {
            for (Object[] event : events) {
                all.add(Arguments.of(name, event[0], event[1], event[2]));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} at {2} {1}")
    @MethodSource("methodsAndEvents")
    void everyMethodGivesTheSameBaselineFromTheWindowsAsFromAllTheData(String name, ZoneId zone,
            LocalDateTime localStart, Duration length) {
        LocalDate eventDay = localStart.toLocalDate();
        BaselineMethod method = Methods.named(name, parameters(name, eventDay));
        Instant start = localStart.atZone(zone).toInstant();
        TimeWindow event = new TimeWindow(start, start.plus(length));
        LoadSeries all = randomLoad(eventDay.minusDays(60).atStartOfDay(zone).toInstant(), event.end());
        DayCalendar calendar = new DayCalendar(zone, Holidays.nerc(2026, 2026), Set.of());

        List<TimeWindow> windows = ReadWindows.forEpisode(method, zone, QUARTER, event.start(), event.end());
        TreeMap<Instant, BigDecimal> read = new TreeMap<>();
        all.kw().forEach((slot, kw) -> {
            if (windows.stream().anyMatch(w -> !slot.isBefore(w.start()) && !slot.plus(QUARTER).isAfter(w.end()))) {
                read.put(slot, kw);
            }
        });

        BaselineResult fromAll = method.baseline(new BaselineInput(event, all, calendar));
        BaselineResult fromWindows = method.baseline(new BaselineInput(event, LoadSeries.of(QUARTER, read), calendar));

        assertThat(fromWindows).isEqualTo(fromAll);
        assertThat(fromAll.complete()).as(fromAll.problem()).isTrue();
    }

    @Test
    void aLikeDayMethodReadsTheAdjustmentWindowAndTheEventHoursOfEachDayOfItsLookBack() {
        List<TimeWindow> windows = threeDayHigh4Of5(LocalDateTime.of(2026, 7, 15, 14, 7), Duration.ofMinutes(100));

        // 10:00 (four hours before, widened to the quarter) to 16:00 (15:47 widened), on the day and three before.
        assertThat(windows).containsExactly(local(2026, 7, 15, 10, 0, 16, 0), local(2026, 7, 14, 10, 0, 16, 0),
                local(2026, 7, 13, 10, 0, 16, 0), local(2026, 7, 12, 10, 0, 16, 0));
    }

    @Test
    void anEpisodeAcrossMidnightReadsWholeDays() {
        List<TimeWindow> windows = threeDayHigh4Of5(LocalDateTime.of(2026, 7, 15, 22, 0), Duration.ofHours(3));

        assertThat(windows).containsExactly(new TimeWindow(LocalDate.of(2026, 7, 12).atStartOfDay(CHICAGO).toInstant(),
                LocalDateTime.of(2026, 7, 16, 1, 0).atZone(CHICAGO).toInstant()));
    }

    @Test
    void aMethodWithoutLookBackReadsTheEventHoursAlone() {
        BaselineMethod method = new FirmServiceLevel(1, new BigDecimal("100"), new BigDecimal("50"));
        Instant start = Instant.parse("2026-07-15T19:00:00Z");

        assertThat(ReadWindows.forEpisode(method, CHICAGO, QUARTER, start, start.plus(Duration.ofHours(1))))
                .containsExactly(new TimeWindow(start, start.plus(Duration.ofHours(1))));
    }

    @Test
    void windowsThatOverlapOrTouchAreMerged() {
        Instant t = Instant.parse("2026-07-15T00:00:00Z");
        TimeWindow a = new TimeWindow(t, t.plusSeconds(3600));
        TimeWindow b = new TimeWindow(t.plusSeconds(1800), t.plusSeconds(5400));
        TimeWindow c = new TimeWindow(t.plusSeconds(5400), t.plusSeconds(7200));
        TimeWindow d = new TimeWindow(t.plusSeconds(9000), t.plusSeconds(9900));

        assertThat(ReadWindows.merge(List.of(d, c, a, b))).containsExactly(new TimeWindow(t, t.plusSeconds(7200)), d);
    }

    /** HIGH_4_OF_5 with three days of look-back, for an episode from {@code start} (Chicago) lasting {@code length}. */
    private static List<TimeWindow> threeDayHigh4Of5(LocalDateTime start, Duration length) {
        BaselineMethod method = Methods.named(Methods.HIGH_4_OF_5, Map.of("lookback-days", "3"));
        Instant from = start.atZone(CHICAGO).toInstant();
        return ReadWindows.forEpisode(method, CHICAGO, QUARTER, from, from.plus(length));
    }

    private static TimeWindow local(int year, int month, int day, int fromHour, int fromMinute, int toHour,
            int toMinute) {
        return new TimeWindow(LocalDateTime.of(year, month, day, fromHour, fromMinute).atZone(CHICAGO).toInstant(),
                LocalDateTime.of(year, month, day, toHour, toMinute).atZone(CHICAGO).toInstant());
    }

    private static Map<String, String> parameters(String name, LocalDate eventDay) {
        return switch (name) {
            case FirmServiceLevel.NAME -> Map.of("reference-kw", "2000", "level-kw", "500");
            case "COMPARISON_DAY" -> Map.of("day", eventDay.minusDays(10).toString());
            default -> Map.of();
        };
    }

    /** Every quarter hour metered, 1,000-3,000 kW. */
    private static LoadSeries randomLoad(Instant from, Instant to) {
        Random random = new Random(from.getEpochSecond());
        TreeMap<Instant, BigDecimal> kw = new TreeMap<>();
        for (Instant slot = from; slot.isBefore(to); slot = slot.plus(QUARTER)) {
            kw.put(slot, BigDecimal.valueOf(1_000_000 + random.nextInt(2_000_000), 3));
        }
        return LoadSeries.of(QUARTER, kw);
    }
}
