package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

import io.gridflex.settlement.baseline.Decimals;
import io.gridflex.settlement.method.BaselineResult.Status;

/**
 * A named comparison day: the baseline of every event interval is the site's load at the same local time on
 * {@code day}, which must be metered over every event interval. Used with a guaranteed load drop.
 *
 * @param version the method's version
 * @param day the comparison day, in the program's time zone
 */
public record ComparisonDay(int version, LocalDate day) implements BaselineMethod {

    public static final String NAME = "COMPARISON_DAY";

    public ComparisonDay {
        Objects.requireNonNull(day, "day");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SequencedMap<String, String> parameters() {
        SequencedMap<String, String> parameters = new LinkedHashMap<>();
        parameters.put("day", day.toString());
        return parameters;
    }

    /** The event hours on the comparison day. */
    @Override
    public Reach reach(LocalDate eventDay) {
        return new Reach(Duration.ZERO, (int) Math.max(0, ChronoUnit.DAYS.between(day, eventDay)));
    }

    @Override
    public BaselineResult baseline(BaselineInput input) {
        LocalDate eventDay = LocalDate.ofInstant(input.event().start(), input.calendar().zone());
        if (!day.isBefore(eventDay)) {
            return Results.without(this, input, Status.INSUFFICIENT_LIKE_DAYS,
                    "the comparison day " + day + " is not before the event day " + eventDay, List.of(), List.of());
        }
        List<Instant> slots = input.load().slots(input.event());
        List<BigDecimal> baseline = new ArrayList<>(slots.size());
        for (Instant slot : slots) {
            Optional<BigDecimal> kw = DayShift
                    .shift(slot, input.calendar().zone(), ChronoUnit.DAYS.between(eventDay, day))
                    .flatMap(input.load()::at);
            if (kw.isEmpty()) {
                return Results.without(this, input, Status.INSUFFICIENT_DATA,
                        "the comparison day " + day + " is not metered at the local time of " + slot, List.of(),
                        List.of());
            }
            baseline.add(Decimals.kw(kw.get()));
        }
        return Results.complete(this, input, List.of(), List.of(), null, slots, baseline, baseline);
    }
}
