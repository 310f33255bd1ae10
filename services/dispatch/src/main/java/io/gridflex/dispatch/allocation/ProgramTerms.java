package io.gridflex.dispatch.allocation;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a program's contract says about turning signals into kW.
 *
 * @param levelShares share of the enrolled capacity asked for at levels 1, 2 and 3
 * @param overDeliveryMargin extra reduction scheduled on top of the request, as a share of it
 * @param currency the currency of the program's prices (ISO 4217)
 */
public record ProgramTerms(List<BigDecimal> levelShares, BigDecimal overDeliveryMargin, String currency) {

    public ProgramTerms {
        levelShares = List.copyOf(levelShares);
        if (levelShares.size() != 3) {
            throw new IllegalArgumentException("a program states shares for levels 1 to 3, got " + levelShares);
        }
    }

    /** The terms manual operator events use: full capacity at level 3, no margin. */
    public static ProgramTerms operator() {
        return new ProgramTerms(List.of(new BigDecimal("0.33"), new BigDecimal("0.66"), BigDecimal.ONE),
                BigDecimal.ZERO, "USD");
    }
}
