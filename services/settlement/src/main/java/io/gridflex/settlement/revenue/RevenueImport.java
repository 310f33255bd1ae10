package io.gridflex.settlement.revenue;

import java.time.Instant;
import java.util.UUID;

/**
 * One imported revenue-meter file of a site, and what it did.
 *
 * @param added intervals not held before
 * @param corrected intervals held before with other figures: a new version of each, the earlier kept
 * @param unchanged intervals held before with the same figures
 */
public record RevenueImport(UUID importId, String siteId, String fileSha256, String importedBy, Instant importedAt,
        int fileRows, int added, int corrected, int unchanged) {
}
