package io.gridflex.settlement.method;

import java.util.Objects;

import io.gridflex.settlement.baseline.TimeWindow;

/**
 * What a baseline is computed from.
 *
 * @param event the event window at the site (deployment start to release)
 * @param load the site's settlement intervals, far enough back for the method (45 days for like-day methods)
 * @param calendar the program's time zone, holidays and the site's prior event days
 */
public record BaselineInput(TimeWindow event, LoadSeries load, DayCalendar calendar) {

    public BaselineInput {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(calendar, "calendar");
        if (event.isEmpty()) {
            throw new IllegalArgumentException("an event window must not be empty: " + event);
        }
    }
}
