package io.gridflex.dispatch.allocation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Candidates for allocator tests, built up field by field. All figures in kW. */
final class Sites {

    private String siteId;
    private int priority = 100;
    private BigDecimal strike;
    private double enrolledKw = 1000;
    private double capacityKw;
    private double normalDrawKw;
    private double capFloorKw;
    private Double rampKwPerMin;
    private final List<Window> busy = new ArrayList<>();
    private final List<Window> limits = new ArrayList<>();
    private boolean sticky;

    static Sites site(String siteId, double capacityKw) {
        Sites site = new Sites();
        site.siteId = siteId;
        site.capacityKw = capacityKw;
        site.normalDrawKw = capacityKw * 2;
        return site;
    }

    Sites priority(int value) {
        priority = value;
        return this;
    }

    Sites strike(String perMwh) {
        strike = new BigDecimal(perMwh);
        return this;
    }

    Sites enrolled(double kw) {
        enrolledKw = kw;
        return this;
    }

    Sites draw(double kw) {
        normalDrawKw = kw;
        return this;
    }

    Sites capFloor(double kw) {
        capFloorKw = kw;
        return this;
    }

    Sites ramp(double kwPerMin) {
        rampKwPerMin = kwPerMin;
        return this;
    }

    Sites busy(Instant from, Instant to, double kw) {
        busy.add(new Window(from, to, DeciKw.round(kw)));
        return this;
    }

    Sites limit(Instant from, Instant to, double kw) {
        limits.add(new Window(from, to, DeciKw.round(kw)));
        return this;
    }

    Sites sticky() {
        sticky = true;
        return this;
    }

    Candidate build() {
        return new Candidate(siteId, priority, strike, DeciKw.round(enrolledKw), DeciKw.round(capacityKw),
                DeciKw.round(normalDrawKw), DeciKw.round(capFloorKw), rampKwPerMin, busy, limits, sticky);
    }
}
