package io.gridflex.settlement.reconciliation;

import java.math.BigDecimal;

/**
 * One event at one site, ours against the utility's. A delta is the utility's figure minus ours; null when either
 * side has no figure.
 *
 * @param outcome MATCH, DIFFERENT, ONLY_UTILITY (the utility pays a line we do not have) or ONLY_OURS (the utility's
 *        file lacks a line of ours)
 */
public record ReconciliationLine(String eventId, String siteId, Outcome outcome, BigDecimal ourDeliveredMwh,
        BigDecimal utilityDeliveredMwh, BigDecimal deliveredDeltaMwh, BigDecimal ourAmount, BigDecimal utilityAmount,
        BigDecimal amountDelta) {

    public enum Outcome {
        MATCH,
        DIFFERENT,
        ONLY_UTILITY,
        ONLY_OURS
    }

    static ReconciliationLine of(String eventId, String siteId, Outcome outcome, BigDecimal ourDelivered,
            BigDecimal utilityDelivered, BigDecimal ourAmount, BigDecimal utilityAmount) {
        return new ReconciliationLine(eventId, siteId, outcome, ourDelivered, utilityDelivered,
                delta(utilityDelivered, ourDelivered), ourAmount, utilityAmount, delta(utilityAmount, ourAmount));
    }

    private static BigDecimal delta(BigDecimal theirs, BigDecimal ours) {
        return theirs == null || ours == null ? null : theirs.subtract(ours);
    }
}
