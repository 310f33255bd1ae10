package io.gridflex.vtnsim.report;

import java.util.List;

/**
 * A report a VEN offered in its oadrRegisterReport (a metadata report): what it is called, the ID to request it by,
 * and its data points.
 */
public record OfferedReport(String reportName, String reportSpecifierId, List<String> rIds) {

    public OfferedReport {
        rIds = List.copyOf(rIds);
    }

    /** The report's name without {@code METADATA_}: what a request for it delivers (TELEMETRY_USAGE...). */
    public String deliveredName() {
        return reportName != null && reportName.startsWith("METADATA_")
                ? reportName.substring("METADATA_".length())
                : reportName;
    }
}
