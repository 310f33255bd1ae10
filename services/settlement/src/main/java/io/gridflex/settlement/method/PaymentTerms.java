package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a program pays and charges for one event at one site, and the site owner's share of it. Money is in the
 * program's currency.
 *
 * @param energyPricePerMwh paid per delivered MWh (the LMP or the program's rate)
 * @param capacityRatePerMw paid per committed MW for the event, scaled by the performance factor
 * @param netConePerMwDay Net CONE, per MW-day, from which the non-performance rate is derived; zero for none
 * @param assessmentHours the expected performance-assessment hours a year the non-performance rate spreads Net CONE
 *        over (30; 60 for a pre-emergency product)
 * @param ownerShare the site owner's share of the net, 0..1, by contract
 */
public record PaymentTerms(BigDecimal energyPricePerMwh, BigDecimal capacityRatePerMw, BigDecimal netConePerMwDay,
        int assessmentHours, BigDecimal ownerShare) {

    public PaymentTerms {
        Objects.requireNonNull(energyPricePerMwh, "energyPricePerMwh");
        Objects.requireNonNull(capacityRatePerMw, "capacityRatePerMw");
        Objects.requireNonNull(netConePerMwDay, "netConePerMwDay");
        Objects.requireNonNull(ownerShare, "ownerShare");
        if (assessmentHours < 1) {
            throw new IllegalArgumentException("assessment hours must be positive: " + assessmentHours);
        }
        if (ownerShare.signum() < 0 || ownerShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("an owner's share is within [0, 1]: " + ownerShare);
        }
        if (capacityRatePerMw.signum() < 0 || netConePerMwDay.signum() < 0) {
            throw new IllegalArgumentException("rates are not negative");
        }
    }
}
