package io.gridflex.settlement.terms;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.gridflex.settlement.method.Methods;
import io.gridflex.settlement.method.PerformanceRules;
import io.gridflex.support.web.ApiException;

/** Checks a {@link TermsRequest} and turns it into terms, or refuses it saying every problem at once. */
final class TermsValidator {

    private static final Set<Integer> INTERVALS = Set.of(1, 5, 15, 30, 60);

    private TermsValidator() {
    }

    static ProgramTerms validate(String program, int version, TermsRequest request, String actor, Instant at) {
        if (request == null) {
            throw ApiException.badRequest("invalid-terms", "a JSON body with the program's terms is required");
        }
        List<String> problems = new ArrayList<>();
        ZoneId zone = zone(request.timeZone(), problems);
        if (request.intervalMinutes() == null || !INTERVALS.contains(request.intervalMinutes())) {
            problems.add("intervalMinutes must be one of 1, 5, 15, 30, 60");
        }
        fraction("minimumCoverage", request.minimumCoverage(), false, problems);
        BigDecimal siteCoverage = request.minimumSiteCoverage() == null
                ? ProgramTerms.DEFAULT_SITE_COVERAGE
                : request.minimumSiteCoverage();
        fraction("minimumSiteCoverage", siteCoverage, false, problems);
        fraction("ownerShare", request.ownerShare(), true, problems);
        Map<String, String> parameters = request.methodParameters() == null
                ? Map.of()
                : new TreeMap<>(request.methodParameters());
        if (request.method() == null) {
            problems.add("method is required, one of " + Methods.NAMES);
        } else {
            try {
                Methods.named(request.method(), parameters);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        PerformanceRules.Averaging averaging = averaging(request.averaging(), problems);
        required("nercHolidays", request.nercHolidays(), problems);
        required("floorIntervals", request.floorIntervals(), problems);
        required("floorEventTotal", request.floorEventTotal(), problems);
        if (request.currency() == null || !request.currency().matches("[A-Z]{3}")) {
            problems.add("currency must be an ISO 4217 code such as USD");
        }
        if (request.energyPricePerMwh() == null) {
            problems.add("energyPricePerMwh is required");
        }
        notNegative("capacityRatePerMw", request.capacityRatePerMw(), problems);
        notNegative("netConePerMwDay", request.netConePerMwDay(), problems);
        if (request.assessmentHours() == null || request.assessmentHours() < 1) {
            problems.add("assessmentHours must be a positive number of hours");
        }
        if (request.extraHolidays() != null && request.extraHolidays().contains(null)) {
            problems.add("extraHolidays holds an empty date");
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid-terms", String.join("; ", problems));
        }
        return new ProgramTerms(program, version,
                request.effectiveFrom() == null ? ProgramTerms.FROM_THE_START : request.effectiveFrom(), zone,
                request.intervalMinutes(), request.minimumCoverage(),
                siteCoverage,
                request.method(), new TreeMap<>(parameters), request.nercHolidays(),
                request.extraHolidays() == null ? List.of() : request.extraHolidays(), request.floorIntervals(),
                request.floorEventTotal(), averaging, request.currency(), request.energyPricePerMwh(),
                request.capacityRatePerMw(), request.netConePerMwDay(), request.assessmentHours(),
                request.ownerShare(), actor, at);
    }

    private static ZoneId zone(String zone, List<String> problems) {
        if (zone == null) {
            problems.add("timeZone is required, e.g. America/New_York");
            return null;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            problems.add("timeZone '" + zone + "' is not a time zone");
            return null;
        }
    }

    private static PerformanceRules.Averaging averaging(String value, List<String> problems) {
        try {
            return PerformanceRules.Averaging.valueOf(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            problems.add("averaging must be MEAN or ENERGY_WEIGHTED");
            return null;
        }
    }

    private static void fraction(String name, BigDecimal value, boolean zeroAllowed, List<String> problems) {
        if (value == null || value.compareTo(BigDecimal.ONE) > 0
                || (zeroAllowed ? value.signum() < 0 : value.signum() <= 0)) {
            problems.add(name + " must be within " + (zeroAllowed ? "[0, 1]" : "(0, 1]"));
        }
    }

    private static void notNegative(String name, BigDecimal value, List<String> problems) {
        if (value == null || value.signum() < 0) {
            problems.add(name + " must be a number, not negative");
        }
    }

    private static void required(String name, Object value, List<String> problems) {
        if (value == null) {
            problems.add(name + " is required");
        }
    }
}
