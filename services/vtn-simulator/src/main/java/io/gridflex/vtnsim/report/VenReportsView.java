package io.gridflex.vtnsim.report;

import java.util.List;

/**
 * A VEN's reports as this VTN knows them: offered (and how often the VEN registered them), requested, received
 * (oldest first).
 */
public record VenReportsView(String venId, List<OfferedReport> offered, int metadataRegistrations,
        List<ReportRequestView> requests, List<ReceivedReport> received) {
}
