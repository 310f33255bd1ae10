package io.gridflex.vtnsim.event;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /admin/events}. Boxed types so a missing field is told apart from a zero. */
public record CreateEventRequest(
        @Schema(description = "Load reduction asked of the VENs, in kW: a LOAD_DISPATCH event; required unless level is given", examples = "1500") Double reductionKw,
        @Schema(description = "ISO-8601 UTC instant; default now", examples = "2026-01-31T18:00:00Z") String start,
        @Schema(description = "Length of the event in whole seconds", required = true, examples = "900") Integer durationSeconds,
        @Schema(description = "The one VEN targeted; default every registered VEN") String venId,
        @Schema(description = "Marks the event as a test in its descriptor; default false") Boolean testEvent,
        @Schema(description = "The event's eiMarketContext, an absolute URI; default the VTN's configured one") String marketContext,
        @Schema(description = "resourceIDs named in the eiTarget beside the venID, e.g. the VEN's plants; default none") List<String> resourceIds,
        @Schema(description = "Start randomization the VEN may apply (tolerance/tolerate/startafter), whole seconds from 0 to 86400; default none", examples = "60") Integer startAfterSeconds,
        @Schema(description = "A SIMPLE event of this level, 1 to 3, instead of reductionKw", examples = "2") Integer level) {
}
