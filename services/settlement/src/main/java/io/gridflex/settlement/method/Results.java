package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.gridflex.settlement.baseline.Decimals;
import io.gridflex.settlement.method.BaselineResult.LikeDay;
import io.gridflex.settlement.method.BaselineResult.SkippedDay;
import io.gridflex.settlement.method.BaselineResult.Status;

/** Builds {@link BaselineResult}s, so every method states its intervals the same way. */
final class Results {

    private Results() {
    }

    static BaselineResult complete(BaselineMethod method, BaselineInput input, List<LikeDay> likeDays,
            List<SkippedDay> skipped, AppliedAdjustment adjustment, List<Instant> slots, List<BigDecimal> baseline,
            List<BigDecimal> adjusted) {
        List<BaselineInterval> intervals = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            intervals.add(interval(input, slots.get(i), baseline.get(i), adjusted.get(i)));
        }
        return new BaselineResult(method.name(), method.version(), method.parameters(), Status.COMPLETE, null,
                likeDays, skipped, adjustment, intervals);
    }

    static BaselineResult without(BaselineMethod method, BaselineInput input, Status status, String problem,
            List<LikeDay> likeDays, List<SkippedDay> skipped) {
        List<BaselineInterval> intervals = input.load().slots(input.event()).stream()
                .map(slot -> interval(input, slot, null, null))
                .toList();
        return new BaselineResult(method.name(), method.version(), method.parameters(), status, problem, likeDays,
                skipped, null, intervals);
    }

    private static BaselineInterval interval(BaselineInput input, Instant slot, BigDecimal baseline,
            BigDecimal adjusted) {
        BigDecimal actual = input.load().at(slot).map(Decimals::kw).orElse(null);
        return new BaselineInterval(slot, slot.plus(input.load().step()), baseline, adjusted, actual);
    }
}
