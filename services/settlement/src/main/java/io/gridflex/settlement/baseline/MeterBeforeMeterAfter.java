package io.gridflex.settlement.baseline;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Meter-before/meter-after settlement of one site over one delivery window.
 * <p>
 * The baseline is the site's mean draw over the {@code baselineWindow} immediately before a start (the start of a shed
 * episode, see {@code attribution.EpisodeAttribution}): the energy
 * of every metered interval, weighted by the share of it inside that window, divided by the metered hours of the
 * window. Unmetered gaps are left out of both sums rather than read as zero draw, and when less than
 * {@code minimumCoverage} of the window is metered there is no baseline at all.
 * <p>
 * Delivered energy is, for every interval overlapping the delivery window,
 * {@code baselineKw × overlap hours − interval energy × overlap / interval length}, summed. It is negative when the
 * site drew more than its baseline. Rounding follows {@link Decimals}.
 * <p>
 * Pure and deterministic: the same inputs give the same figures, whatever the clock or the order of the intervals.
 */
public final class MeterBeforeMeterAfter {

    private final Duration baselineWindow;
    private final BigDecimal minimumCoverage;

    public MeterBeforeMeterAfter(Duration baselineWindow, BigDecimal minimumCoverage) {
        Objects.requireNonNull(baselineWindow, "baselineWindow");
        Objects.requireNonNull(minimumCoverage, "minimumCoverage");
        if (baselineWindow.isNegative() || baselineWindow.isZero()) {
            throw new IllegalArgumentException("baseline window must be positive: " + baselineWindow);
        }
        if (minimumCoverage.signum() <= 0 || minimumCoverage.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("minimum coverage must be in (0, 1]: " + minimumCoverage);
        }
        this.baselineWindow = baselineWindow;
        this.minimumCoverage = minimumCoverage;
    }

    public Duration baselineWindow() {
        return baselineWindow;
    }

    public BigDecimal minimumCoverage() {
        return minimumCoverage;
    }

    /**
     * Settles one window that is measured against one baseline and owed to one party: a shed episode with a single
     * contribution. Overlapping events are attributed by {@code attribution.EpisodeAttribution}, on the same rules.
     *
     * @param eventStart when shedding started: the baseline window ends here
     * @param deliveryWindow where delivery is measured; starts no earlier than {@code eventStart}
     * @param intervals the site's metered intervals around the window, in any order, not overlapping each other
     */
    public SiteSettlement settle(Instant eventStart, TimeWindow deliveryWindow, List<MeteredInterval> intervals) {
        if (deliveryWindow.start().isBefore(eventStart)) {
            throw new IllegalArgumentException(
                    "delivery window starts at " + deliveryWindow.start() + ", before the event at " + eventStart);
        }
        List<MeteredInterval> sorted = sortedWithoutOverlap(intervals);
        Baseline baseline = baseline(eventStart, sorted);
        if (deliveryWindow.isEmpty()) {
            BigDecimal zero = Decimals.kwh(BigDecimal.ZERO);
            return new SiteSettlement(SettlementStatus.NO_DELIVERY_WINDOW, baseline, deliveryWindow, null, zero,
                    Decimals.mwh(zero), null, List.of());
        }
        return delivery(baseline, deliveryWindow, sorted);
    }

    /**
     * The baseline before {@code start}: the mean draw over the baseline window ending there, or no figure when the
     * window is metered below the minimum coverage.
     *
     * @param intervals the site's metered intervals, in any order, not overlapping each other
     */
    public Baseline baseline(Instant start, List<MeteredInterval> intervals) {
        TimeWindow window = new TimeWindow(start.minus(baselineWindow), start);
        Duration covered = Duration.ZERO;
        BigDecimal energyKwh = BigDecimal.ZERO;
        for (MeteredInterval interval : intervals) {
            Optional<TimeWindow> overlap = window.overlap(interval);
            if (overlap.isPresent()) {
                covered = covered.plus(overlap.get().length());
                energyKwh = energyKwh.add(attributedEnergy(interval, overlap.get()), Decimals.CALCULATION);
            }
        }
        BigDecimal coverage = Decimals.fraction(covered, window.length());
        if (covered.isZero() || coverage.compareTo(minimumCoverage) < 0) {
            return new Baseline(window, Decimals.coverage(coverage), null);
        }
        BigDecimal kw = energyKwh.divide(Decimals.hours(covered), Decimals.CALCULATION);
        return new Baseline(window, Decimals.coverage(coverage), Decimals.kw(kw));
    }

    private SiteSettlement delivery(Baseline baseline, TimeWindow window, List<MeteredInterval> intervals) {
        Duration covered = Duration.ZERO;
        BigDecimal deliveredKwh = BigDecimal.ZERO;
        List<IntervalDelivery> details = new ArrayList<>();
        for (MeteredInterval interval : intervals) {
            Optional<TimeWindow> found = window.overlap(interval);
            if (found.isEmpty()) {
                continue;
            }
            TimeWindow overlap = found.get();
            covered = covered.plus(overlap.length());
            BigDecimal meteredKwh = attributedEnergy(interval, overlap);
            BigDecimal baselineKwh = null;
            BigDecimal intervalDeliveredKwh = null;
            if (baseline.sufficient()) {
                baselineKwh = baseline.kw().multiply(Decimals.hours(overlap.length()), Decimals.CALCULATION);
                intervalDeliveredKwh = baselineKwh.subtract(meteredKwh, Decimals.CALCULATION);
                deliveredKwh = deliveredKwh.add(intervalDeliveredKwh, Decimals.CALCULATION);
            }
            details.add(new IntervalDelivery(interval.start(), interval.end(), overlap.start(), overlap.end(),
                    Decimals.detailKwh(meteredKwh), detailOrNull(baselineKwh), detailOrNull(intervalDeliveredKwh)));
        }
        BigDecimal coverage = Decimals.fraction(covered, window.length());
        if (!baseline.sufficient()) {
            return new SiteSettlement(SettlementStatus.INSUFFICIENT_DATA, baseline, window,
                    Decimals.coverage(coverage), null, null, null, details);
        }
        SettlementStatus status = coverage.compareTo(minimumCoverage) < 0
                ? SettlementStatus.PARTIAL
                : SettlementStatus.COMPLETE;
        BigDecimal averageKw = covered.isZero()
                ? null
                : Decimals.kw(deliveredKwh.divide(Decimals.hours(covered), Decimals.CALCULATION));
        BigDecimal roundedKwh = Decimals.kwh(deliveredKwh);
        return new SiteSettlement(status, baseline, window, Decimals.coverage(coverage), roundedKwh,
                Decimals.mwh(roundedKwh), averageKw, details);
    }

    /** The energy of {@code interval} that falls inside {@code overlap}, assuming an even draw over the interval. */
    public static BigDecimal attributedEnergy(MeteredInterval interval, TimeWindow overlap) {
        if (overlap.length().equals(interval.length())) {
            return interval.energyKwh();
        }
        return interval.energyKwh().multiply(Decimals.fraction(overlap.length(), interval.length()),
                Decimals.CALCULATION);
    }

    private static BigDecimal detailOrNull(BigDecimal kwh) {
        return kwh == null ? null : Decimals.detailKwh(kwh);
    }

    /**
     * {@code intervals} in time order.
     *
     * @throws IllegalArgumentException when two of them overlap: the meter cannot have drawn twice at once
     */
    public static List<MeteredInterval> sortedWithoutOverlap(List<MeteredInterval> intervals) {
        List<MeteredInterval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparing(MeteredInterval::start));
        for (int i = 1; i < sorted.size(); i++) {
            MeteredInterval previous = sorted.get(i - 1);
            MeteredInterval current = sorted.get(i);
            if (current.start().isBefore(previous.end())) {
                throw new IllegalArgumentException("metered intervals overlap: [" + previous.start() + ", "
                        + previous.end() + ") and [" + current.start() + ", " + current.end() + ")");
            }
        }
        return sorted;
    }
}
