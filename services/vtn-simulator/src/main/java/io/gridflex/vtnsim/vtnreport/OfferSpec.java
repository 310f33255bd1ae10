package io.gridflex.vtnsim.vtnreport;

import java.util.List;

/**
 * A report this VTN offers VENs (admin API), registered with them in an oadrRegisterReport: a metadata report named
 * {@code reportName} (e.g. METADATA_TELEMETRY_USAGE), requested by {@code reportSpecifierId}, of real power in kW per
 * data point, sampled every {@code minPeriodSeconds} to {@code maxPeriodSeconds}.
 */
public record OfferSpec(String reportSpecifierId, String reportName, List<String> rIds, long minPeriodSeconds,
        long maxPeriodSeconds) {

    public OfferSpec {
        rIds = rIds == null ? List.of() : List.copyOf(rIds);
    }

    /** What a request for it delivers: the name without METADATA_. */
    String delivered() {
        return reportName.startsWith("METADATA_") ? reportName.substring("METADATA_".length()) : reportName;
    }
}
