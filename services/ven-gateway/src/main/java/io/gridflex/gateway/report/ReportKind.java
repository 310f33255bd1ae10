package io.gridflex.gateway.report;

import io.gridflex.openadr.OadrReports;

/**
 * The reports a program offers its VTN: each resource's power and status now, and the energy it drew over a past
 * interval.
 */
public enum ReportKind {

    /** Each resource's power in kW (reportType {@code usage}, readingType {@code Direct Read}). */
    USAGE(OadrReports.TELEMETRY_USAGE, OadrReports.METADATA_TELEMETRY_USAGE, "gridflex-telemetry-usage", "usage-"),
    /** Each resource's status: online, manual override, load control state ({@code x-resourceStatus}). */
    STATUS(OadrReports.TELEMETRY_STATUS, OadrReports.METADATA_TELEMETRY_STATUS, "gridflex-telemetry-status",
            "status-"),
    /**
     * Each resource's energy in kWh over the intervals of a past period (reportType {@code usage}, readingType
     * {@code Direct Read}), from the usage history.
     */
    HISTORY(OadrReports.HISTORY_USAGE, OadrReports.METADATA_HISTORY_USAGE, "gridflex-history-usage", "history-");

    private final String reportName;
    private final String metadataName;
    private final String specifierId;
    private final String rIdPrefix;

    ReportKind(String reportName, String metadataName, String specifierId, String rIdPrefix) {
        this.reportName = reportName;
        this.metadataName = metadataName;
        this.specifierId = specifierId;
        this.rIdPrefix = rIdPrefix;
    }

    /** The reportName of the reports themselves, e.g. TELEMETRY_USAGE. */
    public String reportName() {
        return reportName;
    }

    /** The reportName of its metadata, e.g. METADATA_TELEMETRY_USAGE. */
    public String metadataName() {
        return metadataName;
    }

    /** The reportSpecifierID this VEN registers it under; the same on every program. */
    public String specifierId() {
        return specifierId;
    }

    /** The data point (rID) of a resource in this report: {@code usage-<resourceID>}, {@code status-<resourceID>}. */
    public String rId(String resourceId) {
        return rIdPrefix + resourceId;
    }

    /** The resource an rID of this report names, or null when it names none. */
    String resourceOf(String rId) {
        return rId != null && rId.startsWith(rIdPrefix) && rId.length() > rIdPrefix.length()
                ? rId.substring(rIdPrefix.length())
                : null;
    }

    public static ReportKind bySpecifier(String specifierId) {
        for (ReportKind kind : values()) {
            if (kind.specifierId.equals(specifierId)) {
                return kind;
            }
        }
        return null;
    }
}
