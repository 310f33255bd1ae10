package io.gridflex.settlement.attribution;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gridflex.settlement.baseline.Baseline;
import io.gridflex.settlement.baseline.MeteredInterval;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.schedule.Piece;
import io.gridflex.settlement.schedule.ShareKey;

/**
 * The delivered energy of one shed episode and its split among everyone who asked for the reduction.
 *
 * @param episode the episode
 * @param baseline the baseline before its start; null when the start is not known
 * @param lines one per metered interval and piece they share, in time order
 * @param figures per contributor, in {@link ShareKey} order
 * @param deliveredKwh what the site delivered over the episode, 3 decimals: the sum of the contributors' rounded
 *        figures; null without a baseline
 */
public record SettledEpisode(Episode episode, Baseline baseline, List<Line> lines, Map<ShareKey, Figures> figures,
        BigDecimal deliveredKwh) {

    public SettledEpisode {
        lines = List.copyOf(lines);
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /** True when a baseline was stated, so energy figures exist. */
    public boolean hasFigures() {
        return baseline != null && baseline.sufficient();
    }

    /**
     * The part of one metered interval inside one piece, with unrounded figures.
     *
     * @param piece the piece of the effective schedule
     * @param interval the metered interval
     * @param overlap their common time
     * @param meteredKwh the interval's energy inside the overlap
     * @param baselineKwh the baseline's energy over the overlap; null without a baseline
     * @param deliveredKwh {@code baselineKwh - meteredKwh}; null without a baseline
     * @param splits {@code deliveredKwh} split among the piece's contributors (adding up to it exactly); empty
     *        without a baseline
     */
    public record Line(Piece piece, MeteredInterval interval, TimeWindow overlap, BigDecimal meteredKwh,
            BigDecimal baselineKwh, BigDecimal deliveredKwh, Map<ShareKey, BigDecimal> splits) {

        public Line {
            splits = Map.copyOf(splits);
        }
    }

    /**
     * One contributor's part of the episode.
     *
     * @param window how long the effective schedule held a contribution of it
     * @param covered how much of that time is metered
     * @param exactKwh its delivered energy, unrounded; null without a baseline
     * @param roundedKwh the same rounded to 3 decimals so that the contributors' figures add up to the episode's; null
     *        without a baseline
     */
    public record Figures(Duration window, Duration covered, BigDecimal exactKwh, BigDecimal roundedKwh) {
    }
}
