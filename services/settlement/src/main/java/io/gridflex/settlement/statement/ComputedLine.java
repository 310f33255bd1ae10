package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.util.List;
import java.util.SequencedMap;

import io.gridflex.settlement.method.BaselineMethod;
import io.gridflex.settlement.method.Payment;
import io.gridflex.settlement.method.PerformanceResult;

/**
 * A statement line as computed, before it is stored. Without figures (no baseline) every amount is zero and
 * {@code problem} says why: such a line is shown, never silently paid. A line with figures may carry a
 * {@code problem} too, as a note of what was left out of them (telemetry covering too little of the site).
 *
 * @param termsVersion the version of the program's terms the line was computed with
 * @param status COMPLETE, PARTIAL (some interval unmetered: it delivered nothing) or NO_BASELINE
 * @param committedMw the most the event asked of the site in any interval, MW
 */
public record ComputedLine(String eventId, String siteId, int termsVersion, String status, String problem,
        String method,
        int methodVersion, SequencedMap<String, String> methodParameters, String inputsHash, BigDecimal committedMw,
        PerformanceResult performance, Payment payment, BigDecimal ownerShare,
        List<LineCalculator.EpisodeDetail> episodes) {

    private static final BigDecimal NO_MONEY = new BigDecimal("0.00");

    static ComputedLine withoutFigures(LineInputs inputs, BaselineMethod method, String problem,
            BigDecimal committedMw, List<LineCalculator.EpisodeDetail> episodes) {
        return new ComputedLine(inputs.eventId(), inputs.siteId(), inputs.terms().version(),
                PerformanceResult.Status.NO_BASELINE.name(),
                problem, method.name(), method.version(), method.parameters(), InputsDigest.of(inputs), committedMw,
                null, new Payment(NO_MONEY, NO_MONEY, BigDecimal.ZERO, NO_MONEY, NO_MONEY, NO_MONEY, NO_MONEY),
                inputs.ownerShare(), episodes);
    }
}
