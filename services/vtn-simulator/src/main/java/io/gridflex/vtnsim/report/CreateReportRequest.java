package io.gridflex.vtnsim.report;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /admin/reports/requests}: an oadrCreateReport for the VEN's next poll. Name the report by
 * {@code reportName} (one the VEN offered; every data point of it unless {@code rIds} are given) or by
 * {@code reportSpecifierId} and {@code rIds} as they are, to see what the VEN makes of a request it cannot carry out.
 */
public record CreateReportRequest(
        @Schema(description = "A registered VEN", required = true) String venId,
        @Schema(description = "A report the VEN offered, without METADATA_", examples = "TELEMETRY_USAGE") String reportName,
        @Schema(description = "Sent as is, instead of the one of reportName") String reportSpecifierId,
        @Schema(description = "Data points; default every one the report offers") List<String> rIds,
        @Schema(description = "Sampling period in whole seconds, 0 or more", required = true) Integer granularitySeconds,
        @Schema(description = "How often to report in whole seconds, 0 (one report) or more", required = true) Integer reportBackSeconds,
        @Schema(description = "ISO-8601 UTC start of the report interval; default none (from now)") String start,
        @Schema(description = "Length of the report interval in whole seconds, with start; 0 for no end") Integer durationSeconds) {
}
