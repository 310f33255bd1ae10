package io.gridflex.gateway.history;

import java.time.Instant;

/** One site's energy in one bucket, as kept: what its counted intervals drew, and how much of the bucket they cover. */
public record StoredBucket(String siteId, Instant bucketStart, double energyKwh, long coveredMs) {
}
