package io.gridflex.dispatch.schedule;

import java.time.Instant;

/**
 * Where a site's schedule revisions stand.
 *
 * @param siteId the site
 * @param revision the latest issued; the next one is one more
 * @param issuedAt when it was issued
 * @param acceptedRevision the latest the site accepted, 0 before any
 */
public record ScheduleHead(String siteId, long revision, Instant issuedAt, long acceptedRevision) {
}
