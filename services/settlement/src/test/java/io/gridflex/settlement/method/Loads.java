package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

import io.gridflex.settlement.baseline.TimeWindow;

/** Builds a site's load for the examples: whole local days at one level, then single intervals by local time. */
final class Loads {

    private final ZoneId zone;
    private final Duration step;
    private final Map<Instant, BigDecimal> kw = new TreeMap<>();

    private Loads(ZoneId zone, Duration step) {
        this.zone = zone;
        this.step = step;
    }

    static Loads hourly(ZoneId zone) {
        return new Loads(zone, Duration.ofHours(1));
    }

    static Loads every(Duration step, ZoneId zone) {
        return new Loads(zone, step);
    }

    /** Every interval of the local day {@code day} at {@code kw}. */
    Loads day(LocalDate day, String kw) {
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        for (Instant t = day.atStartOfDay(zone).toInstant(); t.isBefore(end); t = t.plus(step)) {
            this.kw.put(t, new BigDecimal(kw));
        }
        return this;
    }

    /** The interval starting at local time {@code local} at {@code kw}. */
    Loads at(LocalDateTime local, String kw) {
        this.kw.put(local.atZone(zone).toInstant(), new BigDecimal(kw));
        return this;
    }

    /** Removes the interval starting at local time {@code local}: it is not metered. */
    Loads missing(LocalDateTime local) {
        this.kw.remove(local.atZone(zone).toInstant());
        return this;
    }

    LoadSeries series() {
        return LoadSeries.of(step, kw);
    }

    TimeWindow window(LocalDateTime from, LocalDateTime to) {
        return new TimeWindow(from.atZone(zone).toInstant(), to.atZone(zone).toInstant());
    }
}
