package io.gridflex.settlement.method;

import java.math.BigDecimal;

/**
 * The money of one event at one site. Every amount is rounded half-even to the cent once, as a statement line; the
 * net is the sum of the rounded lines, and the owner's and the aggregator's parts add up to it exactly.
 *
 * @param energy delivered MWh × energy price (negative when the site drew more than its baseline and the program does
 *        not floor the total)
 * @param capacity committed MW × capacity rate × performance factor
 * @param nonPerformanceRate Net CONE × 365 / assessment hours, per MWh, 6 decimals
 * @param nonPerformance non-performance rate × shortfall MWh, a charge
 * @param net energy + capacity − non-performance
 * @param owner the site owner's share of the net
 * @param aggregator the rest of the net
 */
public record Payment(BigDecimal energy, BigDecimal capacity, BigDecimal nonPerformanceRate,
        BigDecimal nonPerformance, BigDecimal net, BigDecimal owner, BigDecimal aggregator) {
}
