package io.gridflex.settlement.terms;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new version of a program's settlement terms, as a billing administrator sends it. Every field is required unless
 * it says otherwise; {@link TermsValidator} says what is wrong with one that is not right.
 */
@Schema(description = "How a program is settled: its baseline method, performance rules and rates")
public record TermsRequest(
        @Schema(description = "The first day (in the program's time zone) whose events these terms settle; events "
                + "are settled by the version in force on their first day (the latest effectiveFrom on or before it; of "
                + "equal ones the newest version). Optional: from the start when "
                + "absent") LocalDate effectiveFrom,
        @Schema(description = "IANA time zone of the program's days, e.g. America/New_York") String timeZone,
        @Schema(description = "Settlement interval in minutes: 1, 5, 15, 30 or 60") Integer intervalMinutes,
        @Schema(description = "Share (0..1] of a settlement interval that must be metered for it to count") BigDecimal minimumCoverage,
        @Schema(description = "Share (0..1] of the site a telemetry interval's figures must cover (miners reporting) "
                + "to count; below it the interval is left out as if unmetered, and the line says so. Optional, "
                + "0.95 by default") BigDecimal minimumSiteCoverage,
        @Schema(description = "Baseline method, e.g. HIGH_4_OF_5 (docs/settlement-methods.md)") String method,
        @Schema(description = "Parameters overriding the method's defaults; optional") Map<String, String> methodParameters,
        @Schema(description = "Whether the NERC holidays count as holidays") Boolean nercHolidays,
        @Schema(description = "Further holidays of the program; optional") List<LocalDate> extraHolidays,
        @Schema(description = "A negative delivery in an interval counts as zero") Boolean floorIntervals,
        @Schema(description = "A negative delivered total of an event counts as zero") Boolean floorEventTotal,
        @Schema(description = "MEAN or ENERGY_WEIGHTED performance factor") String averaging,
        @Schema(description = "ISO 4217 currency of every amount, e.g. USD") String currency,
        @Schema(description = "Paid per delivered MWh") BigDecimal energyPricePerMwh,
        @Schema(description = "Paid per committed MW per event, scaled by performance") BigDecimal capacityRatePerMw,
        @Schema(description = "Net CONE per MW-day for the non-performance rate; 0 for no charge") BigDecimal netConePerMwDay,
        @Schema(description = "Expected performance-assessment hours a year (30, or 60 pre-emergency)") Integer assessmentHours,
        @Schema(description = "Site owners' default share of the net, 0..1") BigDecimal ownerShare) {
}
