package io.gridflex.vtnsim.report;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A report this VTN asks every VEN for in its oadrRegisteredReport, when the VEN offers a report of that name.
 * Boxed types so a missing field is told apart from a zero.
 */
public record ScriptedRequest(
        @Schema(description = "The report to ask for, as the VEN's metadata names it without METADATA_", required = true, examples = "TELEMETRY_USAGE") String reportName,
        @Schema(description = "Sampling period in whole seconds; 0 for one sample per report", required = true, examples = "2") Integer granularitySeconds,
        @Schema(description = "How often to report, in whole seconds; 0 for one report only", required = true, examples = "4") Integer reportBackSeconds) {
}
