package io.gridflex.dispatch.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.gridflex.dispatch.allocation.ProgramTerms;

/**
 * A DR program: one VTN connection of ven-gateway, and the contract that says how its signals become kW.
 *
 * @param programId the id ven-gateway puts on the program's events
 * @param name for people
 * @param marketContext when set, the program's events must carry it
 * @param vtnId when set, the program's events must come from this VTN
 * @param levelShares share of the enrolled capacity asked for at levels 1, 2, 3
 * @param overDeliveryMargin extra reduction scheduled on top of each request, as a share of it
 * @param currency currency of the program's prices (ISO 4217)
 * @param timeZone the program's IANA time zone
 * @param version increases with every change
 * @param createdAt when it was registered
 * @param createdBy who registered it
 * @param updatedAt when it last changed
 * @param updatedBy who changed it last
 */
public record Program(
        String programId,
        String name,
        String marketContext,
        String vtnId,
        List<BigDecimal> levelShares,
        BigDecimal overDeliveryMargin,
        String currency,
        String timeZone,
        long version,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    public Program {
        levelShares = List.copyOf(levelShares);
    }

    public ProgramTerms terms() {
        return new ProgramTerms(levelShares, overDeliveryMargin, currency);
    }
}
