package io.gridflex.dispatch.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.gridflex.dispatch.event.EventRepository.StoredRevision;
import io.gridflex.dispatch.schedule.AckView;

/**
 * One event with what it asks of each site.
 *
 * @param event the event
 * @param revisions every revision received, oldest first
 * @param sites per site, its pieces (past ones included) and its latest report on a segment serving the event
 */
public record EventDetail(StoredEvent event, List<StoredRevision> revisions, List<SiteAllocation> sites) {

    /**
     * What the event asks of one site.
     *
     * @param siteId the site
     * @param peakKw the most it asks of the site at any time
     * @param pieces the reduction over time
     * @param latestAck the site's latest report on a segment serving the event, or null
     */
    public record SiteAllocation(String siteId, BigDecimal peakKw, List<PieceView> pieces, AckView latestAck) {
    }

    /**
     * @param start inclusive
     * @param end exclusive
     * @param kw the reduction
     * @param importCapKw the site's import cap, or null
     */
    public record PieceView(Instant start, Instant end, BigDecimal kw, BigDecimal importCapKw) {
    }
}
