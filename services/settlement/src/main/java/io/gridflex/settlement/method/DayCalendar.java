package io.gridflex.settlement.method;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * The days a like-day baseline reasons about, in the program's time zone.
 *
 * @param zone the program's time zone: days, weekdays and the local time of every interval are read in it
 * @param holidays days treated like a weekend (e.g. {@link Holidays#nerc}), whatever their weekday
 * @param excludedDays days that may never be like days: the site's prior event and dispatch days
 */
public record DayCalendar(ZoneId zone, Set<LocalDate> holidays, Set<LocalDate> excludedDays) {

    public DayCalendar {
        Objects.requireNonNull(zone, "zone");
        holidays = Set.copyOf(holidays);
        excludedDays = Set.copyOf(excludedDays);
    }

    public DayKind kind(LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        boolean weekend = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY;
        return weekend || holidays.contains(day) ? DayKind.WEEKEND_OR_HOLIDAY : DayKind.WEEKDAY;
    }

    /** Which kind of day a like day must be. */
    public enum DayKind {
        WEEKDAY,
        WEEKEND_OR_HOLIDAY
    }
}
