package io.gridflex.dispatch.schedule;

import java.time.Instant;

/**
 * The latest schedule issued to a site.
 *
 * @param siteId the site
 * @param revision its revision
 * @param issuedAt when
 * @param segmentsJson its segments as issued, to tell whether a recomposed schedule changes anything
 */
public record ScheduleHead(String siteId, long revision, Instant issuedAt, String segmentsJson) {
}
