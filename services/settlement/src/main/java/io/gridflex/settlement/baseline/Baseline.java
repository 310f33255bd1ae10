package io.gridflex.settlement.baseline;

import java.math.BigDecimal;

/**
 * A site's meter-before baseline: its mean draw over the window just before the event.
 *
 * @param window the baseline window, ending at the event start
 * @param coverage share of the window covered by metered intervals, 0..1, 4 decimals
 * @param kw the mean draw over the covered part, 3 decimals; null when coverage is insufficient
 */
public record Baseline(TimeWindow window, BigDecimal coverage, BigDecimal kw) {

    public boolean sufficient() {
        return kw != null;
    }
}
