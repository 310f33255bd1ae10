package io.gridflex.dispatch.registry;

import java.math.BigDecimal;
import java.util.List;

/** A program as an operator submits it; {@code version} is required to update, ignored on create. */
public record ProgramDraft(
        String programId,
        String name,
        String marketContext,
        String vtnId,
        List<BigDecimal> levelShares,
        BigDecimal overDeliveryMargin,
        String currency,
        String timeZone,
        Long version) {
}
