package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.gridflex.settlement.attribution.Episode;
import io.gridflex.settlement.baseline.Decimals;
import io.gridflex.settlement.baseline.TimeWindow;
import io.gridflex.settlement.method.BaselineInput;
import io.gridflex.settlement.method.BaselineInterval;
import io.gridflex.settlement.method.BaselineMethod;
import io.gridflex.settlement.method.BaselineResult;
import io.gridflex.settlement.method.Commitment;
import io.gridflex.settlement.method.FirmServiceLevel;
import io.gridflex.settlement.method.IntervalPart;
import io.gridflex.settlement.method.Payment;
import io.gridflex.settlement.method.Payments;
import io.gridflex.settlement.method.Performance;
import io.gridflex.settlement.method.PerformanceInterval;
import io.gridflex.settlement.method.PerformanceResult;
import io.gridflex.settlement.schedule.Contribution;
import io.gridflex.settlement.schedule.Piece;
import io.gridflex.settlement.schedule.ShareKey;

/**
 * One statement line: an event's performance and money at one site, by the program's method. Each shed episode of the
 * site that held the event gets its own baseline (its adjustment window lies before the episode, where the site was
 * not yet shedding for anyone); in each settlement interval the event counts for the hours its contribution was in
 * force, is committed to its allocated kW, and takes its allocated share of what the site delivered, so overlapping
 * events never share a kWh twice. Pure, given its {@link LineInputs}.
 */
public final class LineCalculator {

    private LineCalculator() {
    }

    public static ComputedLine compute(LineInputs inputs) {
        BaselineMethod method = inputs.terms().baselineMethod();
        ShareKey key = ShareKey.event(inputs.eventId());
        List<PerformanceInterval> intervals = new ArrayList<>();
        List<EpisodeDetail> details = new ArrayList<>();
        String problem = null;
        BigDecimal committedKw = BigDecimal.ZERO;
        for (Episode episode : inputs.episodes()) {
            TimeWindow window = new TimeWindow(episode.start(), episode.end());
            if (!episode.startKnown()) {
                problem = "the shed episode ending " + episode.end() + " has no known start: no baseline can be placed";
                continue;
            }
            LocalDate day = LocalDate.ofInstant(window.start(), inputs.terms().timeZone());
            BaselineResult baseline = method.baseline(new BaselineInput(window, inputs.load(),
                    inputs.terms().calendar(day, inputs.excludedDays())));
            if (!baseline.complete()) {
                problem = baseline.problem();
                details.add(new EpisodeDetail(window, baseline, List.of()));
                continue;
            }
            PerformanceResult result = Performance.evaluate(baseline,
                    interval -> part(episode, interval, key), commitmentKind(method), levelKw(method),
                    inputs.terms().rules());
            intervals.addAll(result.intervals());
            details.add(new EpisodeDetail(window, baseline, result.intervals()));
            for (PerformanceInterval line : result.intervals()) {
                committedKw = committedKw.max(line.committedKw());
            }
        }
        BigDecimal committedMw = committedKw.movePointLeft(3);
        if (problem != null) {
            String note = note(inputs);
            return ComputedLine.withoutFigures(inputs, method, note == null ? problem : problem + "; " + note,
                    committedMw, details);
        }
        PerformanceResult total = Performance.total(intervals, inputs.terms().rules());
        Payment payment = Payments.of(total, committedMw, inputs.terms().payment(inputs.ownerShare()));
        return new ComputedLine(inputs.eventId(), inputs.siteId(), inputs.terms().version(), total.status().name(),
                note(inputs), method.name(),
                method.version(), method.parameters(), InputsDigest.of(inputs), committedMw, total, payment,
                inputs.ownerShare(), details);
    }

    /**
     * The event's part of one settlement interval inside {@code episode}: the hours its contribution was in force
     * there, its weight against all contributions' (kW × time, exact; by time alone, i.e. equal shares, where none
     * asked for kW), and its kW over those hours.
     */
    static Optional<IntervalPart> part(Episode episode, BaselineInterval interval, ShareKey key) {
        long nanos = 0;
        BigDecimal eventWeight = BigDecimal.ZERO;
        BigDecimal allWeight = BigDecimal.ZERO;
        BigDecimal equalEvent = BigDecimal.ZERO;
        BigDecimal equalAll = BigDecimal.ZERO;
        for (Piece piece : episode.pieces()) {
            Optional<TimeWindow> overlap = piece.window().overlap(interval.start(), interval.end());
            if (overlap.isEmpty() || !piece.involves(key)) {
                continue;
            }
            BigDecimal length = BigDecimal.valueOf(overlap.get().length().toNanos());
            List<Contribution> contributions = piece.segment().contributions();
            for (Contribution contribution : contributions) {
                BigDecimal weight = contribution.kw().multiply(length);
                allWeight = allWeight.add(weight);
                equalAll = equalAll.add(length);
                if (contribution.key().equals(key)) {
                    eventWeight = eventWeight.add(weight);
                    equalEvent = equalEvent.add(length);
                }
            }
            nanos += overlap.get().length().toNanos();
        }
        if (nanos == 0) {
            return Optional.empty();
        }
        BigDecimal committedKw = eventWeight.divide(BigDecimal.valueOf(nanos), Decimals.CALCULATION);
        BigDecimal hours = Decimals.hours(Duration.ofNanos(nanos));
        return Optional.of(allWeight.signum() == 0
                ? new IntervalPart(hours, equalEvent, equalAll, committedKw)
                : new IntervalPart(hours, eventWeight, allWeight, committedKw));
    }

    /**
     * What a reader of the line must know although it has figures: settlement intervals in which telemetry was left
     * out because it covered too little of the site (they count as unmetered, in the baseline days as in the event).
     */
    static String note(LineInputs inputs) {
        if (inputs.lowCoverage().isEmpty()) {
            return null;
        }
        return "telemetry left out in " + inputs.lowCoverage().size() + " settlement interval(s) from "
                + inputs.lowCoverage().first() + " to " + inputs.lowCoverage().last() + ": it covered less than "
                + inputs.terms().minimumSiteCoverage().movePointRight(2).stripTrailingZeros().toPlainString()
                + " % of the site";
    }

    private static Commitment.Kind commitmentKind(BaselineMethod method) {
        return method instanceof FirmServiceLevel ? Commitment.Kind.SERVICE_LEVEL : Commitment.Kind.REDUCTION;
    }

    private static BigDecimal levelKw(BaselineMethod method) {
        return method instanceof FirmServiceLevel fsl ? fsl.levelKw() : BigDecimal.ZERO;
    }

    /** One shed episode's baseline and the event's intervals in it, for the line's detail. */
    public record EpisodeDetail(TimeWindow episode, BaselineResult baseline, List<PerformanceInterval> intervals) {
    }
}
