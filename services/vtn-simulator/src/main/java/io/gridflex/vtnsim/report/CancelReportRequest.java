package io.gridflex.vtnsim.report;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /admin/reports/requests/{id}/cancel}. */
public record CancelReportRequest(
        @Schema(description = "Whether the VEN is to send one last report; default false") Boolean reportToFollow,
        @Schema(description = "poll (default): in the reply to the VEN's next poll; updatedReport: carried by this"
                + " VTN's reply to the VEN's next oadrUpdateReport") String via) {
}
