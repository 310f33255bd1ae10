package io.gridflex.settlement.messaging;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How figures from the wire become stored figures. Messages carry JSON numbers (doubles in the records); settlement
 * stores and computes them as decimals. Both conversions are chosen so that a re-sent message converts to exactly the
 * same stored values, which is what duplicate detection compares.
 */
public final class WireValues {

    /** Stored scale of metered energy and power: 6 decimals (1 mWh, 1 mW), matching the NUMERIC columns. */
    public static final int STORED_SCALE = 6;

    private WireValues() {
    }

    /**
     * The decimal a JSON number was written as ({@link BigDecimal#valueOf(double)} uses the shortest representation,
     * so {@code 0.1} stays {@code 0.1}), rounded half-even to {@link #STORED_SCALE}.
     */
    public static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value).setScale(STORED_SCALE, RoundingMode.HALF_EVEN);
    }

    /** Instants are stored to the microsecond, the precision of a PostgreSQL {@code timestamptz}. */
    public static Instant instant(Instant value) {
        return value.truncatedTo(ChronoUnit.MICROS);
    }
}
