package io.gridflex.settlement.method;

import java.math.BigDecimal;

import io.gridflex.settlement.baseline.TimeWindow;

/**
 * The day-of adjustment as applied to a like-day baseline.
 *
 * @param kind additive (kW added to every interval) or multiplicative (every interval scaled)
 * @param window the adjustment window on the event day
 * @param actualKw the site's mean metered load over the window, 3 decimals
 * @param baselineKw the unadjusted baseline's mean over the window, 3 decimals
 * @param computed the adjustment before any clamp: {@code actual − baseline} in kW (3 decimals) or
 *        {@code actual / baseline} (6 decimals)
 * @param applied the adjustment used: the computed one, clamped to the method's bounds
 */
public record AppliedAdjustment(Adjustment.Kind kind, TimeWindow window, BigDecimal actualKw, BigDecimal baselineKw,
        BigDecimal computed, BigDecimal applied) {
}
