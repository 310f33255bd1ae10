package io.gridflex.settlement.statement;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Reject a draft or reviewed statement")
public record RejectionRequest(
        @Schema(description = "Why it is rejected: kept with the statement and in the audit log", maxLength = StatementService.MAX_REASON) String reason) {
}
