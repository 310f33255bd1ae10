package io.gridflex.settlement.ui;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.gridflex.settlement.method.BaselineInterval;

/**
 * Baseline against actual kW over an event's settlement intervals, drawn by the server as an SVG (no script): two
 * step lines over the same axes, the kW scale from zero to a round maximum. The same figures are listed beside it
 * for readers who cannot see the chart.
 *
 * @param points the intervals in time order, with the baseline (as used, adjusted) and actual kW
 * @param maxKw the top of the kW axis
 * @param baselinePath the SVG path of the baseline
 * @param actualPath the SVG path of the actual draw
 */
public record KwChart(List<Point> points, BigDecimal maxKw, String baselinePath, String actualPath) {

    public static final int WIDTH = 720;
    public static final int HEIGHT = 240;

    /** One settlement interval: its start and end, the baseline and the actual kW (null when not metered). */
    public record Point(Instant start, Instant end, BigDecimal baselineKw, BigDecimal actualKw) {
    }

    /** The sum over sites, interval by interval, of their baseline and actual kW. */
    public static KwChart summed(List<List<BaselineInterval>> sites) {
        Map<Instant, Point> byStart = new TreeMap<>();
        for (List<BaselineInterval> site : sites) {
            for (BaselineInterval interval : site) {
                byStart.merge(interval.start(),
                        new Point(interval.start(), interval.end(), interval.adjustedKw(), interval.actualKw()),
                        (a, b) -> new Point(a.start(), a.end(), add(a.baselineKw(), b.baselineKw()),
                                add(a.actualKw(), b.actualKw())));
            }
        }
        return of(new ArrayList<>(byStart.values()));
    }

    public static KwChart of(List<Point> points) {
        BigDecimal top = BigDecimal.ZERO;
        for (Point point : points) {
            top = max(top, point.baselineKw());
            top = max(top, point.actualKw());
        }
        BigDecimal maxKw = roundUp(top);
        if (points.isEmpty()) {
            return new KwChart(points, maxKw, "", "");
        }
        long from = points.getFirst().start().getEpochSecond();
        long span = Math.max(1, points.getLast().end().getEpochSecond() - from);
        return new KwChart(List.copyOf(points), maxKw, path(points, from, span, maxKw, true),
                path(points, from, span, maxKw, false));
    }

    /** A step line: flat over each interval; a gap where an interval has no figure. */
    private static String path(List<Point> points, long from, long span, BigDecimal maxKw, boolean baseline) {
        StringBuilder path = new StringBuilder();
        boolean drawing = false;
        for (Point point : points) {
            BigDecimal kw = baseline ? point.baselineKw() : point.actualKw();
            if (kw == null) {
                drawing = false;
                continue;
            }
            double y = HEIGHT - kw.doubleValue() / maxKw.doubleValue() * HEIGHT;
            double x0 = (point.start().getEpochSecond() - from) * (double) WIDTH / span;
            double x1 = (point.end().getEpochSecond() - from) * (double) WIDTH / span;
            path.append(drawing ? " L" : (path.isEmpty() ? "M" : " M")).append(number(x0)).append(',')
                    .append(number(y)).append(" L").append(number(x1)).append(',').append(number(y));
            drawing = true;
        }
        return path.toString();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code kw} (and at least 1). */
    static BigDecimal roundUp(BigDecimal kw) {
        if (kw.compareTo(BigDecimal.ONE) <= 0) {
            return BigDecimal.ONE;
        }
        BigDecimal power = BigDecimal.ONE.movePointRight(kw.setScale(0, RoundingMode.CEILING).precision() - 1);
        for (int step : new int[]{1, 2, 5, 10}) {
            BigDecimal candidate = power.multiply(BigDecimal.valueOf(step));
            if (candidate.compareTo(kw) >= 0) {
                return candidate;
            }
        }
        return power.multiply(BigDecimal.TEN);
    }

    private static BigDecimal add(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? null : a.add(b);
    }

    private static BigDecimal max(BigDecimal top, BigDecimal kw) {
        return kw != null && kw.compareTo(top) > 0 ? kw : top;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
