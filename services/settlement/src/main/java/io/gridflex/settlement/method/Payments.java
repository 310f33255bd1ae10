package io.gridflex.settlement.method;

import java.math.BigDecimal;

import io.gridflex.settlement.baseline.Decimals;

/** Turns a site's performance in an event into money, as {@link Payment} says. */
public final class Payments {

    private static final BigDecimal DAYS_A_YEAR = BigDecimal.valueOf(365);

    private Payments() {
    }

    /**
     * @param performance the site's performance; it must have figures
     * @param committedMw the capacity the site committed for the event, MW
     */
    public static Payment of(PerformanceResult performance, BigDecimal committedMw, PaymentTerms terms) {
        if (performance.status() == PerformanceResult.Status.NO_BASELINE) {
            throw new IllegalArgumentException("no payment without a baseline");
        }
        BigDecimal energy = Decimals.money(performance.deliveredMwh().multiply(terms.energyPricePerMwh()));
        BigDecimal capacity = Decimals.money(
                committedMw.multiply(terms.capacityRatePerMw()).multiply(performance.factor()));
        BigDecimal rate = terms.netConePerMwDay().multiply(DAYS_A_YEAR)
                .divide(BigDecimal.valueOf(terms.assessmentHours()), Decimals.RATIO_SCALE, Decimals.ROUNDING);
        BigDecimal nonPerformance = Decimals.money(rate.multiply(performance.shortfallMwh()));
        BigDecimal net = energy.add(capacity).subtract(nonPerformance);
        BigDecimal owner = Decimals.money(net.multiply(terms.ownerShare()));
        return new Payment(energy, capacity, rate, nonPerformance, net, owner, net.subtract(owner));
    }
}
