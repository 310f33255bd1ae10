package io.gridflex.dispatch.command;

import java.math.BigDecimal;
import java.time.Instant;

import io.gridflex.messages.SiteCommand.Action;

/**
 * A command as issued, and whether it has left the outbox.
 *
 * @param commandId {@code <eventId>#<revision>@<siteId>}
 * @param siteId the site it is for
 * @param revision the event modification number it was computed from
 * @param action SHED or CANCEL
 * @param shedKw the site's share, in kW; 0 for a cancel
 * @param start when the site starts shedding
 * @param end when the command expires
 * @param issuedAt when dispatch wrote it
 * @param publishedAt when Kafka acknowledged it, or null while it waits in the outbox
 */
public record CommandView(
        String commandId,
        String siteId,
        long revision,
        Action action,
        BigDecimal shedKw,
        Instant start,
        Instant end,
        Instant issuedAt,
        Instant publishedAt) {
}
