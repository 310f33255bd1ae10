package io.gridflex.openadr;

import java.util.Objects;

/**
 * One data point a VEN offers in a metadata report, in the unit that report states.
 *
 * @param rId identifies the data point in report requests and report payloads
 * @param resourceId the resource (site, asset) the value comes from
 * @param reportType an OpenADR report type such as {@code usage} or {@code demand}
 * @param readingType an OpenADR reading type such as {@code Direct Read} or {@code Mean}
 */
public record ReportDataPoint(String rId, String resourceId, String reportType, String readingType) {

    public ReportDataPoint {
        Objects.requireNonNull(rId, "rId");
        Objects.requireNonNull(reportType, "reportType");
        Objects.requireNonNull(readingType, "readingType");
    }
}
