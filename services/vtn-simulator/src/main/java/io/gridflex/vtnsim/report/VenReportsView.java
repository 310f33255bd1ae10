package io.gridflex.vtnsim.report;

import java.util.List;

/** A VEN's reports as this VTN knows them: offered, requested, received (oldest first). */
public record VenReportsView(String venId, List<OfferedReport> offered, List<ReportRequestView> requests,
        List<ReceivedReport> received) {
}
