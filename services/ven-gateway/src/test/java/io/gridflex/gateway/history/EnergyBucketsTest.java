package io.gridflex.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A telemetry interval's energy split over the fixed buckets of the usage history. */
class EnergyBucketsTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");
    private final EnergyBuckets buckets = new EnergyBuckets(Duration.ofMinutes(5));

    @Test
    void anIntervalInsideOneBucketIsAllOfIt() {
        List<EnergyBuckets.Share> shares = buckets.split(T.plusSeconds(10), T.plusSeconds(12), 0.5);

        assertThat(shares).containsExactly(new EnergyBuckets.Share(T, 0.5, 2_000));
        assertThat(buckets.bucketOf(T.plusSeconds(299))).isEqualTo(T);
        assertThat(buckets.bucketOf(T.plusSeconds(300))).isEqualTo(T.plusSeconds(300));
    }

    @Test
    void anIntervalAcrossBucketsIsSplitInProportionToTime() {
        // 4 min 50 s to 10 min 10 s: 10 s in the first bucket, all 5 min of the second, 10 s of the third.
        List<EnergyBuckets.Share> shares = buckets.split(T.plusSeconds(290), T.plusSeconds(610), 32.0);

        assertThat(shares).extracting(EnergyBuckets.Share::bucketStart)
                .containsExactly(T, T.plusSeconds(300), T.plusSeconds(600));
        assertThat(shares).extracting(EnergyBuckets.Share::coveredMs).containsExactly(10_000L, 300_000L, 10_000L);
        assertThat(shares.get(0).energyKwh()).isCloseTo(1.0, within(1e-12));
        assertThat(shares.get(1).energyKwh()).isCloseTo(30.0, within(1e-12));
        assertThat(shares.get(2).energyKwh()).isCloseTo(1.0, within(1e-12));
        assertThat(shares.stream().mapToDouble(EnergyBuckets.Share::energyKwh).sum()).isCloseTo(32.0,
                within(1e-12));
    }

    @Test
    void anEmptyOrReversedIntervalHasNoShareAndABucketIsPositive() {
        assertThat(buckets.split(T, T, 1.0)).isEmpty();
        assertThat(buckets.split(T.plusSeconds(1), T, 1.0)).isEmpty();
        assertThat(buckets.split(Instant.parse("1969-12-31T23:59:59Z"), Instant.parse("1970-01-01T00:00:01Z"), 2))
                .as("before the epoch too").extracting(EnergyBuckets.Share::bucketStart)
                .containsExactly(Instant.parse("1969-12-31T23:55:00Z"), Instant.EPOCH);
        assertThatIllegalArgumentException().isThrownBy(() -> new EnergyBuckets(Duration.ZERO));
    }
}
