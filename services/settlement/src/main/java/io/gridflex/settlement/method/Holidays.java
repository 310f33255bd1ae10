package io.gridflex.settlement.method;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;
import java.util.TreeSet;

/**
 * The six NERC holidays, as observed: New Year's Day, Memorial Day (last Monday of May), Independence Day, Labor Day
 * (first Monday of September), Thanksgiving (fourth Thursday of November) and Christmas Day. A fixed-date holiday on a
 * Sunday is observed on the Monday after; one on a Saturday is not moved.
 */
public final class Holidays {

    private Holidays() {
    }

    /** Every observed NERC holiday of the years {@code from} to {@code to}, both included. */
    public static Set<LocalDate> nerc(int from, int to) {
        Set<LocalDate> days = new TreeSet<>();
        for (int year = from; year <= to; year++) {
            days.add(observed(LocalDate.of(year, Month.JANUARY, 1)));
            days.add(LocalDate.of(year, Month.MAY, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
            days.add(observed(LocalDate.of(year, Month.JULY, 4)));
            days.add(LocalDate.of(year, Month.SEPTEMBER, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)));
            days.add(LocalDate.of(year, Month.NOVEMBER, 1).with(TemporalAdjusters.dayOfWeekInMonth(4,
                    DayOfWeek.THURSDAY)));
            days.add(observed(LocalDate.of(year, Month.DECEMBER, 25)));
        }
        return days;
    }

    private static LocalDate observed(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SUNDAY ? day.plusDays(1) : day;
    }
}
