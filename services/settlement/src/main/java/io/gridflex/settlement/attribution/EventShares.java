package io.gridflex.settlement.attribution;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.gridflex.settlement.baseline.Baseline;
import io.gridflex.settlement.baseline.Decimals;
import io.gridflex.settlement.baseline.SettlementStatus;
import io.gridflex.settlement.schedule.Piece;
import io.gridflex.settlement.schedule.ShareKey;

/**
 * One event's delivery at one site, from the site's settled shed episodes: the sum of the event's rounded figure in
 * every episode that held a contribution of it. Pure.
 * <ul>
 * <li>No episode held the event's contribution (it was replaced before any segment of it governed):
 * {@link SettlementStatus#NO_DELIVERY_WINDOW}, 0 kWh.</li>
 * <li>An episode has no baseline: {@link SettlementStatus#INSUFFICIENT_DATA}, no figure, since a figure over the other
 * episodes only would understate the delivery without saying so.</li>
 * <li>The event's windows are metered below the minimum coverage: {@link SettlementStatus#PARTIAL}, figures over the
 * metered part; otherwise {@link SettlementStatus#COMPLETE}.</li>
 * </ul>
 */
public final class EventShares {

    private EventShares() {
    }

    public static SiteAttribution attribute(ShareKey key, List<SettledEpisode> settled, BigDecimal minimumCoverage) {
        List<EpisodeShare> episodes = new ArrayList<>();
        List<ShareWindow> windows = new ArrayList<>();
        List<ShareLine> lines = new ArrayList<>();
        Duration window = Duration.ZERO;
        Duration covered = Duration.ZERO;
        BigDecimal exactKwh = BigDecimal.ZERO;
        BigDecimal deliveredKwh = Decimals.kwh(BigDecimal.ZERO);
        boolean figures = true;
        for (SettledEpisode episode : settled) {
            SettledEpisode.Figures mine = episode.figures().get(key);
            if (mine == null) {
                continue;
            }
            window = window.plus(mine.window());
            covered = covered.plus(mine.covered());
            figures &= episode.hasFigures();
            if (episode.hasFigures()) {
                exactKwh = exactKwh.add(mine.exactKwh());
                deliveredKwh = deliveredKwh.add(mine.roundedKwh());
            }
            episodes.add(share(episode, mine));
            episode.episode().pieces().stream().filter(p -> p.involves(key)).map(p -> window(p, key))
                    .forEach(windows::add);
            episode.lines().stream().filter(l -> l.piece().involves(key)).map(l -> line(l, key)).forEach(lines::add);
        }
        if (episodes.isEmpty()) {
            BigDecimal zero = Decimals.kwh(BigDecimal.ZERO);
            return new SiteAttribution(SettlementStatus.NO_DELIVERY_WINDOW, List.of(), List.of(), null, zero,
                    Decimals.mwh(zero), null, List.of());
        }
        BigDecimal coverage = Decimals.fraction(covered, window);
        if (!figures) {
            return new SiteAttribution(SettlementStatus.INSUFFICIENT_DATA, episodes, windows,
                    Decimals.coverage(coverage), null, null, null, lines);
        }
        SettlementStatus status = coverage.compareTo(minimumCoverage) < 0
                ? SettlementStatus.PARTIAL
                : SettlementStatus.COMPLETE;
        BigDecimal averageKw = covered.isZero()
                ? null
                : Decimals.kw(exactKwh.divide(Decimals.hours(covered), Decimals.CALCULATION));
        return new SiteAttribution(status, episodes, windows, Decimals.coverage(coverage), deliveredKwh,
                Decimals.mwh(deliveredKwh), averageKw, lines);
    }

    private static EpisodeShare share(SettledEpisode settled, SettledEpisode.Figures mine) {
        Baseline baseline = settled.baseline();
        Episode episode = settled.episode();
        return new EpisodeShare(episode.start(), episode.end(), episode.startKnown(),
                baseline == null ? null : baseline.window().start(),
                baseline == null ? null : baseline.window().end(),
                baseline == null ? null : baseline.coverage(),
                baseline == null ? null : baseline.kw(),
                settled.deliveredKwh(), mine.roundedKwh());
    }

    private static ShareWindow window(Piece piece, ShareKey key) {
        return new ShareWindow(piece.start(), piece.end(), piece.revision(), piece.issuedAt(),
                Split.weights(piece.segment()).get(key), piece.segment().shedKw(), piece.segment().importCapKw(),
                Decimals.share(Split.shares(piece.segment()).get(key)), piece.segment().contributions());
    }

    private static ShareLine line(SettledEpisode.Line line, ShareKey key) {
        BigDecimal attributed = line.splits().get(key);
        return new ShareLine(line.interval().start(), line.interval().end(), line.overlap().start(),
                line.overlap().end(), Decimals.detailKwh(line.meteredKwh()), detail(line.baselineKwh()),
                detail(line.deliveredKwh()), Decimals.share(Split.shares(line.piece().segment()).get(key)),
                detail(attributed));
    }

    private static BigDecimal detail(BigDecimal kwh) {
        return kwh == null ? null : Decimals.detailKwh(kwh);
    }
}
