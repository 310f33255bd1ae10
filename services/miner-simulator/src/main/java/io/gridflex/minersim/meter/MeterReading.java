package io.gridflex.minersim.meter;

import java.time.Instant;

/**
 * What the site meter measures at one instant: the exact truth its registers encode.
 *
 * @param miningKwh exact energy of the miners since the fleet started
 * @param dataCentreKwh exact energy of the data centre since the meter started
 * @param siteKwh the sum: what a revenue meter's import register counts
 */
public record MeterReading(Instant at, double siteKw, double miningKw, double dataCentreKw, double siteKwh,
        double miningKwh, double dataCentreKwh) {
}
