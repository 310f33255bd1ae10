package io.gridflex.vtnsim.event;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PUT /admin/events/{eventId}}: at least one field; an absent one is kept. A LOAD_DISPATCH event takes
 * reductionKw, a SIMPLE one level.
 */
public record ModifyEventRequest(
        @Schema(description = "New load reduction, in kW", examples = "2000") Double reductionKw,
        @Schema(description = "New length in whole seconds, counted from the unchanged start", examples = "1800") Integer durationSeconds,
        @Schema(description = "A SIMPLE event's new level, 1 to 3", examples = "3") Integer level,
        @Schema(description = "Change the content under the same modificationNumber, as a misbehaving VTN does"
                + " (default false)") Boolean keepModificationNumber) {

    /** A modification with a new modificationNumber, as OpenADR requires. */
    public ModifyEventRequest(Double reductionKw, Integer durationSeconds, Integer level) {
        this(reductionKw, durationSeconds, level, null);
    }

    boolean inPlace() {
        return Boolean.TRUE.equals(keepModificationNumber);
    }
}
