package io.gridflex.siteagent.meter;

import java.time.Instant;

/**
 * One reading of the site meter. A figure the meter's configuration does not map is null, never zero.
 *
 * @param siteKw the site's total draw, kW, or null
 * @param miningKw the miners' draw, kW, or null
 * @param dataCentreKw the data centre's draw, kW, or null
 * @param energyKwh the cumulative imported energy, kWh
 * @param at when the meter answered
 */
public record MeterReading(Double siteKw, Double miningKw, Double dataCentreKw, double energyKwh, Instant at) {
}
