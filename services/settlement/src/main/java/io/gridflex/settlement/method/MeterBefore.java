package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

import io.gridflex.settlement.baseline.Decimals;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.method.BaselineResult.Status;

/**
 * Meter before / meter after on settlement intervals: the baseline of every event interval is the site's mean load over
 * the intervals of {@code window} just before the event start, rounded to 3 decimals of a kW; every one of them must
 * be metered. (Shed episodes of overlapping events are measured at telemetry resolution by
 * {@code baseline.MeterBeforeMeterAfter} on the same rule.)
 *
 * @param version the method's version
 * @param window how long before the event the baseline is taken, a whole number of settlement intervals
 */
public record MeterBefore(int version, Duration window) implements BaselineMethod {

    public static final String NAME = "METER_BEFORE_METER_AFTER";

    public MeterBefore {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the baseline window must be positive: " + window);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SequencedMap<String, String> parameters() {
        SequencedMap<String, String> parameters = new LinkedHashMap<>();
        parameters.put("window", window.toString());
        return parameters;
    }

    /** The baseline window before the event. */
    @Override
    public Reach reach(LocalDate eventDay) {
        return new Reach(window, 0);
    }

    @Override
    public BaselineResult baseline(BaselineInput input) {
        Instant start = input.event().start();
        TimeWindow before = new TimeWindow(start.minus(window), LoadSeries.alignedStart(start, input.load().step()));
        Optional<BigDecimal> mean = input.load().mean(input.load().slots(before));
        if (mean.isEmpty()) {
            return Results.without(this, input, Status.INSUFFICIENT_DATA,
                    "the baseline window " + before.start() + " to " + before.end() + " is not fully metered",
                    List.of(), List.of());
        }
        return constant(this, input, Decimals.kw(mean.get()));
    }

    /** A result whose every interval has the baseline {@code kw}, unadjusted. */
    static BaselineResult constant(BaselineMethod method, BaselineInput input, BigDecimal kw) {
        List<Instant> slots = input.load().slots(input.event());
        List<BigDecimal> baseline = Collections.nCopies(slots.size(), kw);
        return Results.complete(method, input, List.of(), List.of(), null, slots, baseline, baseline);
    }
}
