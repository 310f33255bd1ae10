package io.gridflex.settlement.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One site's part in one event, as the latest command revision for that pair states it.
 *
 * @param eventId the event
 * @param siteId the site
 * @param revision revision of the latest command applied
 * @param shedKw load the site was asked to remove, 6 decimals
 * @param start when the site was to start shedding
 * @param end when the command expired
 * @param cancelledAt when a cancel was issued, or null
 * @param lastCommandId the latest command applied
 */
public record Participation(
        String eventId,
        String siteId,
        long revision,
        BigDecimal shedKw,
        Instant start,
        Instant end,
        Instant cancelledAt,
        String lastCommandId) {

    public boolean cancelled() {
        return cancelledAt != null;
    }

    /**
     * When the site's participation really ended: the command's end, or the cancel if that came first. A cancel
     * before the start leaves an empty participation rather than one that ends before it begins.
     */
    public Instant effectiveEnd() {
        if (cancelledAt == null || !cancelledAt.isBefore(end)) {
            return end;
        }
        return cancelledAt.isAfter(start) ? cancelledAt : start;
    }
}
