package io.gridflex.settlement.method;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.SequencedMap;

import io.gridflex.settlement.baseline.Decimals;

/**
 * Maximum base load / firm service level: the site commits to draw at most {@code levelKw} during an event. Its
 * baseline is its contracted reference load ({@code referenceKw}, e.g. its peak load contribution), so delivered load
 * is {@code reference − actual}; compliance is judged against the level by {@link Commitment#serviceLevel}.
 *
 * @param version the method's version
 * @param referenceKw the contracted reference load, kW
 * @param levelKw the firm service level, kW, not above the reference
 */
public record FirmServiceLevel(int version, BigDecimal referenceKw, BigDecimal levelKw) implements BaselineMethod {

    public static final String NAME = "FIRM_SERVICE_LEVEL";

    public FirmServiceLevel {
        Objects.requireNonNull(referenceKw, "referenceKw");
        Objects.requireNonNull(levelKw, "levelKw");
        if (levelKw.signum() < 0 || levelKw.compareTo(referenceKw) > 0) {
            throw new IllegalArgumentException(
                    "a firm service level must lie between 0 and the reference load " + referenceKw + ": " + levelKw);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SequencedMap<String, String> parameters() {
        SequencedMap<String, String> parameters = new LinkedHashMap<>();
        parameters.put("reference-kw", referenceKw.toPlainString());
        parameters.put("level-kw", levelKw.toPlainString());
        return parameters;
    }

    /** What the site committed to: to stay at or below its level. */
    public Commitment commitment() {
        return Commitment.serviceLevel(levelKw);
    }

    @Override
    public BaselineResult baseline(BaselineInput input) {
        return MeterBefore.constant(this, input, Decimals.kw(referenceKw));
    }
}
