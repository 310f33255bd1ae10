package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a site committed to for an event, against which its performance is judged.
 *
 * @param kind a reduction below the baseline, or a level to stay under
 * @param kw the committed reduction (kW below the adjusted baseline) or the firm service level (kW of draw)
 */
public record Commitment(Kind kind, BigDecimal kw) {

    public Commitment {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(kw, "kw");
        if (kw.signum() < 0) {
            throw new IllegalArgumentException("a commitment is not negative: " + kw);
        }
    }

    /** A guaranteed load drop of {@code kw} below the baseline, interval by interval. */
    public static Commitment reduction(BigDecimal kw) {
        return new Commitment(Kind.REDUCTION, kw);
    }

    /** Draw at most {@code kw} during the event. */
    public static Commitment serviceLevel(BigDecimal kw) {
        return new Commitment(Kind.SERVICE_LEVEL, kw);
    }

    public enum Kind {
        REDUCTION,
        SERVICE_LEVEL
    }
}
