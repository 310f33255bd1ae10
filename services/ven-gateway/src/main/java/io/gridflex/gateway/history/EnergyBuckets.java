package io.gridflex.gateway.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed time buckets a site's energy is kept in: {@code [k × bucket, (k + 1) × bucket)} from the epoch. A
 * telemetry interval is split over the buckets it spans in proportion to time, so a bucket's energy is what the site
 * drew in it when its draw was even across each interval. Pure.
 */
public final class EnergyBuckets {

    /** The part of an interval that falls into one bucket. */
    public record Share(Instant bucketStart, double energyKwh, long coveredMs) {
    }

    private final long bucketMs;

    public EnergyBuckets(Duration bucket) {
        if (!bucket.isPositive() || bucket.toMillis() == 0) {
            throw new IllegalArgumentException("a history bucket lasts at least a millisecond, got " + bucket);
        }
        this.bucketMs = bucket.toMillis();
    }

    public Duration length() {
        return Duration.ofMillis(bucketMs);
    }

    /** The start of the bucket holding {@code t}. */
    public Instant bucketOf(Instant t) {
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), bucketMs) * bucketMs);
    }

    /**
     * Splits the energy of {@code [start, end)} over its buckets; an empty or reversed interval has no share (its
     * energy would belong to no time).
     */
    public List<Share> split(Instant start, Instant end, double energyKwh) {
        long from = start.toEpochMilli();
        long to = end.toEpochMilli();
        List<Share> shares = new ArrayList<>();
        if (to <= from) {
            return shares;
        }
        double length = to - from;
        for (long bucket = Math.floorDiv(from, bucketMs) * bucketMs; bucket < to; bucket += bucketMs) {
            long covered = Math.min(to, bucket + bucketMs) - Math.max(from, bucket);
            shares.add(new Share(Instant.ofEpochMilli(bucket), energyKwh * covered / length, covered));
        }
        return shares;
    }
}
