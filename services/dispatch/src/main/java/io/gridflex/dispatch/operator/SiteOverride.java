package io.gridflex.dispatch.operator;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An operator's override of one site, in force from {@code start} until {@code end} unless cleared first.
 *
 * @param overrideId its id
 * @param siteId the site
 * @param kind what it does
 * @param kw the kW it names (SHED, LIMIT); null for HOLD, or for SHED of everything
 * @param start from
 * @param end until
 * @param reason why, for the audit log and the site's owner
 * @param createdAt when it was set
 * @param createdBy who set it
 * @param clearedAt when it was cleared early, or null
 * @param clearedBy who cleared it, or null
 */
public record SiteOverride(long overrideId, String siteId, OverrideKind kind, BigDecimal kw, Instant start, Instant end,
        String reason, Instant createdAt, String createdBy, Instant clearedAt, String clearedBy) {

    /** The id its reduction carries in schedules, for a SHED override. */
    public String contributionId() {
        return "operator/override-" + overrideId;
    }

    public boolean activeAt(Instant at) {
        return clearedAt == null && !at.isBefore(start) && at.isBefore(end);
    }
}
