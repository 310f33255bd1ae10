package io.gridflex.settlement.statement;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Prepare a statement: version 1 of a program's billing period, or a correction of it")
public record StatementRequest(
        @Schema(description = "The program") String program,
        @Schema(description = "First day of the billing period, in the program's time zone") LocalDate periodStart,
        @Schema(description = "Day after the last day of the period") LocalDate periodEnd,
        @Schema(description = "Why: required for a correction (any version after the first)") String reason) {
}
