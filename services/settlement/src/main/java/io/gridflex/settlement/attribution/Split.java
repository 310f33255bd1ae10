package io.gridflex.settlement.attribution;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.gridflex.settlement.baseline.Decimals;
import io.gridflex.settlement.schedule.Contribution;
import io.gridflex.settlement.schedule.Segment;
import io.gridflex.settlement.schedule.ShareKey;

/**
 * How a segment's delivered energy is split among its contributions: in proportion to their kW. A segment whose
 * contributions ask for no kW at all (one that only caps the site's import) is split equally among them. Pure.
 */
public final class Split {

    private Split() {
    }

    /** Each contributor's kW in the segment, in {@link ShareKey} order; one listed twice counts once, summed. */
    public static Map<ShareKey, BigDecimal> weights(Segment segment) {
        Map<ShareKey, BigDecimal> weights = new TreeMap<>();
        for (Contribution contribution : segment.contributions()) {
            weights.merge(contribution.key(), contribution.kw(), BigDecimal::add);
        }
        return Collections.unmodifiableMap(weights);
    }

    /** Each contributor's share of the segment, a fraction of 1, unrounded. */
    public static Map<ShareKey, BigDecimal> shares(Segment segment) {
        return split(BigDecimal.ONE, segment);
    }

    /**
     * {@code amount} split by {@link #weights}. Every part but the last is computed to {@link Decimals#CALCULATION};
     * the last is what remains, so the parts always add up to {@code amount} exactly and no fraction of a kWh is
     * created or lost by the division.
     */
    public static Map<ShareKey, BigDecimal> split(BigDecimal amount, Segment segment) {
        Map<ShareKey, BigDecimal> weights = weights(segment);
        BigDecimal total = weights.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        boolean equal = total.signum() == 0;
        BigDecimal count = BigDecimal.valueOf(weights.size());
        Map<ShareKey, BigDecimal> parts = new LinkedHashMap<>();
        BigDecimal given = BigDecimal.ZERO;
        int left = weights.size();
        for (Map.Entry<ShareKey, BigDecimal> weight : weights.entrySet()) {
            BigDecimal part;
            if (--left == 0) {
                part = amount.subtract(given);
            } else if (equal) {
                part = amount.divide(count, Decimals.CALCULATION);
            } else {
                part = amount.multiply(weight.getValue()).divide(total, Decimals.CALCULATION);
            }
            parts.put(weight.getKey(), part);
            given = given.add(part);
        }
        return Collections.unmodifiableMap(parts);
    }
}
