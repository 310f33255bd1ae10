package io.gridflex.settlement.terms;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

import io.gridflex.settlement.method.BaselineMethod;
import io.gridflex.settlement.method.DayCalendar;
import io.gridflex.settlement.method.Holidays;
import io.gridflex.settlement.method.Methods;
import io.gridflex.settlement.method.PaymentTerms;
import io.gridflex.settlement.method.PerformanceRules;

/** One stored version of a program's settlement terms; the fields are as {@link TermsRequest} describes them. */
public record ProgramTerms(
        String program,
        int version,
        LocalDate effectiveFrom,
        ZoneId timeZone,
        int intervalMinutes,
        BigDecimal minimumCoverage,
        BigDecimal minimumSiteCoverage,
        String method,
        SortedMap<String, String> methodParameters,
        boolean nercHolidays,
        List<LocalDate> extraHolidays,
        boolean floorIntervals,
        boolean floorEventTotal,
        PerformanceRules.Averaging averaging,
        String currency,
        BigDecimal energyPricePerMwh,
        BigDecimal capacityRatePerMw,
        BigDecimal netConePerMwDay,
        int assessmentHours,
        BigDecimal ownerShare,
        String createdBy,
        Instant createdAt) {

    /** The share of a site a telemetry interval must cover when the terms do not say. */
    public static final BigDecimal DEFAULT_SITE_COVERAGE = new BigDecimal("0.95");

    /** The day terms take effect from when they do not say: from the start, for every event. */
    public static final LocalDate FROM_THE_START = LocalDate.of(1970, 1, 1);

    public ProgramTerms {
        extraHolidays = List.copyOf(extraHolidays);
    }

    public BaselineMethod baselineMethod() {
        return Methods.named(method, methodParameters);
    }

    public Duration step() {
        return Duration.ofMinutes(intervalMinutes);
    }

    public PerformanceRules rules() {
        return new PerformanceRules(floorIntervals, floorEventTotal, averaging);
    }

    public PaymentTerms payment(BigDecimal siteOwnerShare) {
        return new PaymentTerms(energyPricePerMwh, capacityRatePerMw, netConePerMwDay, assessmentHours,
                siteOwnerShare);
    }

    /** The program's calendar for an event on {@code eventDay}, with the site's prior event days excluded. */
    public DayCalendar calendar(LocalDate eventDay, Set<LocalDate> excludedDays) {
        Set<LocalDate> holidays = new HashSet<>(extraHolidays);
        if (nercHolidays) {
            holidays.addAll(Holidays.nerc(eventDay.getYear() - 1, eventDay.getYear()));
        }
        return new DayCalendar(timeZone, holidays, excludedDays);
    }
}
