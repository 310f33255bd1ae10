package io.gridflex.settlement.attribution;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.gridflex.settlement.baseline.Baseline;
import io.gridflex.settlement.baseline.Decimals;
import io.gridflex.settlement.baseline.MeterBeforeMeterAfter;
import io.gridflex.settlement.baseline.MeteredInterval;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.schedule.Piece;
import io.gridflex.settlement.schedule.ShareKey;

/**
 * Settles one shed episode of a site and splits it among its contributors.
 * <p>
 * The baseline is the meter-before baseline ({@link MeterBeforeMeterAfter#baseline}) before the episode's start. Every
 * metered interval overlapping a piece of the episode delivers, over the overlap,
 * {@code baselineKw × overlap hours − interval energy × overlap / interval length}; that energy is split among the
 * piece's contributors by {@link Split}, so it is attributed once and only once. A contributor's figure for the episode
 * is the sum of its splits, rounded with the others' by {@link LargestRemainder}: the rounded figures add up to the
 * episode's rounded total, and no kWh is paid twice or lost to rounding. Pure.
 */
public final class EpisodeAttribution {

    private final MeterBeforeMeterAfter meter;

    public EpisodeAttribution(MeterBeforeMeterAfter meter) {
        this.meter = meter;
    }

    public MeterBeforeMeterAfter meter() {
        return meter;
    }

    /**
     * @param intervals the site's metered intervals around the episode and its baseline window, in time order, not
     *        overlapping each other ({@link MeterBeforeMeterAfter#sortedWithoutOverlap})
     */
    public SettledEpisode settle(Episode episode, List<MeteredInterval> intervals) {
        Baseline baseline = episode.startKnown() ? meter.baseline(episode.start(), intervals) : null;
        boolean figures = baseline != null && baseline.sufficient();
        Tally tally = new Tally();
        List<SettledEpisode.Line> lines = new ArrayList<>();
        int first = 0;
        for (Piece piece : episode.pieces()) {
            Set<ShareKey> keys = Split.weights(piece.segment()).keySet();
            keys.forEach(key -> tally.scheduled(key, piece.window().length()));
            while (first < intervals.size() && !intervals.get(first).end().isAfter(piece.start())) {
                first++;
            }
            for (int i = first; i < intervals.size() && intervals.get(i).start().isBefore(piece.end()); i++) {
                MeteredInterval interval = intervals.get(i);
                TimeWindow overlap = piece.window().overlap(interval).orElseThrow();
                BigDecimal meteredKwh = MeterBeforeMeterAfter.attributedEnergy(interval, overlap);
                keys.forEach(key -> tally.metered(key, overlap.length()));
                if (!figures) {
                    lines.add(new SettledEpisode.Line(piece, interval, overlap, meteredKwh, null, null, Map.of()));
                    continue;
                }
                BigDecimal baselineKwh = baseline.kw().multiply(Decimals.hours(overlap.length()),
                        Decimals.CALCULATION);
                BigDecimal deliveredKwh = baselineKwh.subtract(meteredKwh, Decimals.CALCULATION);
                Map<ShareKey, BigDecimal> splits = Split.split(deliveredKwh, piece.segment());
                splits.forEach(tally::delivered);
                lines.add(new SettledEpisode.Line(piece, interval, overlap, meteredKwh, baselineKwh, deliveredKwh,
                        splits));
            }
        }
        return tally.settled(episode, baseline, lines, figures);
    }

    /** Running sums per contributor, in {@link ShareKey} order. */
    private static final class Tally {

        private final Map<ShareKey, Duration> window = new TreeMap<>();
        private final Map<ShareKey, Duration> covered = new TreeMap<>();
        private final Map<ShareKey, BigDecimal> exact = new TreeMap<>();

        void scheduled(ShareKey key, Duration length) {
            window.merge(key, length, Duration::plus);
            covered.putIfAbsent(key, Duration.ZERO);
            exact.putIfAbsent(key, BigDecimal.ZERO);
        }

        void metered(ShareKey key, Duration length) {
            covered.merge(key, length, Duration::plus);
        }

        /** Exact sums: the parts of every line add up to the line, so the contributors add up to the episode. */
        void delivered(ShareKey key, BigDecimal kwh) {
            exact.merge(key, kwh, BigDecimal::add);
        }

        SettledEpisode settled(Episode episode, Baseline baseline, List<SettledEpisode.Line> lines,
                boolean figures) {
            List<ShareKey> keys = List.copyOf(window.keySet());
            List<BigDecimal> rounded = figures
                    ? LargestRemainder.round(keys.stream().map(exact::get).toList(), Decimals.KWH_SCALE)
                    : null;
            Map<ShareKey, SettledEpisode.Figures> byKey = new LinkedHashMap<>();
            BigDecimal total = figures ? Decimals.kwh(BigDecimal.ZERO) : null;
            for (int i = 0; i < keys.size(); i++) {
                ShareKey key = keys.get(i);
                byKey.put(key, new SettledEpisode.Figures(window.get(key), covered.get(key),
                        figures ? exact.get(key) : null, figures ? rounded.get(i) : null));
                if (figures) {
                    total = total.add(rounded.get(i));
                }
            }
            return new SettledEpisode(episode, baseline, lines, byKey, total);
        }
    }
}
