package io.gridflex.gateway.vtnreport;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.gridflex.openadr.model.oadr.OadrReportDescriptionType;
import io.gridflex.openadr.model.oadr.OadrReportType;
import io.gridflex.openadr.model.oadr.OadrSamplingRateType;

/**
 * A report the VTN offered in its oadrRegisterReport (one metadata report): what a request names it by, its data
 * points, and the sampling periods its data points allow (the widest; null where the VTN states none).
 *
 * @param reportName as offered, e.g. {@code METADATA_TELEMETRY_USAGE}
 */
public record VtnOffer(String reportSpecifierId, String reportName, List<String> rIds, Duration minPeriod,
        Duration maxPeriod) {

    private static final String METADATA = "METADATA_";

    public VtnOffer {
        Objects.requireNonNull(reportSpecifierId, "reportSpecifierId");
        Objects.requireNonNull(reportName, "reportName");
        rIds = List.copyOf(rIds);
    }

    /** What a request for it delivers: the name without {@code METADATA_} (TELEMETRY_USAGE...). */
    public String deliveredName() {
        return reportName.startsWith(METADATA) ? reportName.substring(METADATA.length()) : reportName;
    }

    /** The offer one metadata report of the VTN's makes; rIDs each once, in order. */
    static VtnOffer of(OadrReportType metadata) {
        Set<String> rIds = new LinkedHashSet<>();
        Duration min = null;
        Duration max = null;
        for (OadrReportDescriptionType description : metadata.getOadrReportDescription()) {
            if (description.getRID() != null && !description.getRID().isBlank()) {
                rIds.add(description.getRID().strip());
            }
            OadrSamplingRateType rate = description.getOadrSamplingRate();
            if (rate != null && rate.getOadrMinPeriod() != null) {
                min = min == null || rate.getOadrMinPeriod().compareTo(min) < 0 ? rate.getOadrMinPeriod() : min;
            }
            if (rate != null && rate.getOadrMaxPeriod() != null) {
                max = max == null || rate.getOadrMaxPeriod().compareTo(max) > 0 ? rate.getOadrMaxPeriod() : max;
            }
        }
        return new VtnOffer(strip(metadata.getReportSpecifierID()), strip(metadata.getReportName()),
                List.copyOf(rIds), min, max);
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }
}
