package io.gridflex.vtnsim.event;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PUT /admin/events/{eventId}}: at least one of the two; an absent one is kept. */
public record ModifyEventRequest(
        @Schema(description = "New load reduction, in kW", examples = "2000") Double reductionKw,
        @Schema(description = "New length in whole seconds, counted from the unchanged start", examples = "1800") Integer durationSeconds) {
}
