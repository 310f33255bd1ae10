package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One stored line of a statement: one event at one site. Figures as {@link ComputedLine}; money to the cent.
 * {@code termsVersion} is null on lines stored before lines named it (they used their statement's terms version).
 */
public record StatementLine(
        String eventId,
        String siteId,
        Integer termsVersion,
        String status,
        String problem,
        String method,
        int methodVersion,
        Map<String, String> methodParameters,
        String inputsHash,
        BigDecimal committedMw,
        BigDecimal deliveredMwh,
        BigDecimal committedMwh,
        BigDecimal shortfallMwh,
        BigDecimal factor,
        BigDecimal ownerShare,
        BigDecimal energy,
        BigDecimal capacity,
        BigDecimal nonPerformance,
        BigDecimal net,
        BigDecimal owner,
        BigDecimal aggregator) {

    static StatementLine of(ComputedLine line) {
        var performance = line.performance();
        var payment = line.payment();
        return new StatementLine(line.eventId(), line.siteId(), line.termsVersion(), line.status(), line.problem(),
                line.method(),
                line.methodVersion(), line.methodParameters(), line.inputsHash(), line.committedMw(),
                performance == null ? null : performance.deliveredMwh(),
                performance == null ? null : performance.committedMwh(),
                performance == null ? null : performance.shortfallMwh(),
                performance == null ? null : performance.factor(), line.ownerShare(), payment.energy(),
                payment.capacity(), payment.nonPerformance(), payment.net(), payment.owner(), payment.aggregator());
    }
}
