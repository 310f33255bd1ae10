package io.gridflex.dispatch.loop;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.gridflex.dispatch.DispatchConfig;
import io.gridflex.dispatch.allocation.DeciKw;
import io.gridflex.dispatch.live.LiveState;

/**
 * Compares what active sites deliver with their targets. A site is judged only once its target has stood for the
 * grace period (it is still ramping before) and on a report from after that; a site that has been silent longer than
 * {@code silentAfter} is taken to deliver nothing, since nothing shows that it does. Pure.
 */
public final class ShortfallDetector {

    private final Duration grace;
    private final double tolerance;
    private final double toleranceKw;
    private final Duration silentAfter;

    public ShortfallDetector(Duration grace, double tolerance, double toleranceKw, Duration silentAfter) {
        this.grace = grace;
        this.tolerance = tolerance;
        this.toleranceKw = toleranceKw;
        this.silentAfter = silentAfter;
    }

    public static ShortfallDetector of(DispatchConfig.Loop config) {
        return new ShortfallDetector(config.grace(), config.tolerance(), config.toleranceKw(), config.silentAfter());
    }

    public List<Shortfall> detect(Collection<SiteTarget> targets, Map<String, LiveState> live, Instant now) {
        List<Shortfall> shortfalls = new ArrayList<>();
        for (SiteTarget target : targets) {
            Instant judgeFrom = target.risenAt().plus(grace);
            if (target.deciKw() <= 0 || now.isBefore(judgeFrom)) {
                continue;
            }
            LiveState state = live.get(target.siteId());
            boolean silent = state == null || state.intervalEnd().isBefore(now.minus(silentAfter));
            long delivered;
            String why;
            if (silent) {
                delivered = 0;
                why = state == null ? "never reported" : "silent since " + state.intervalEnd();
            } else if (state.intervalEnd().isBefore(judgeFrom)) {
                continue;
            } else {
                delivered = DeciKw.floor(state.shedKw());
                why = "holds %.1f kW off of %.1f kW asked".formatted(state.shedKw(), DeciKw.toKw(target.deciKw()));
            }
            double gapKw = DeciKw.toKw(target.deciKw() - delivered);
            if (gapKw > Math.max(toleranceKw, tolerance * DeciKw.toKw(target.deciKw()))) {
                shortfalls.add(new Shortfall(target.siteId(), target.deciKw(), delivered, why));
            }
        }
        return shortfalls;
    }

    /** The tolerance for a target of {@code kw}: a site within it of a finding has recovered. */
    public double toleranceKw(double kw) {
        return Math.max(toleranceKw, tolerance * kw);
    }
}
