package io.gridflex.messages;

import java.time.Instant;

/**
 * What dispatch asks one site to do for one event. A command is valid from {@code start} to {@code end} and not after:
 * a site agent that loses its link keeps executing the last valid command until {@code end}, then restores load.
 * A later {@code revision} for the same event replaces an earlier one; {@link Action#CANCEL} ends it early.
 *
 * @param commandId unique and deterministic: {@code <eventId>#<revision>@<siteId>}, so a re-sent command is a duplicate
 * @param siteId the site that must act
 * @param eventId the DR event this command serves
 * @param revision the event modification number it was computed from
 * @param action shed, or cancel an earlier shed
 * @param shedKw load to remove from the site's draw, in kW; 0 for a cancel
 * @param start when to start shedding
 * @param end when the command expires and load may be restored
 * @param issuedAt when dispatch issued it
 */
public record SiteCommand(
        String commandId,
        String siteId,
        String eventId,
        long revision,
        Action action,
        double shedKw,
        Instant start,
        Instant end,
        Instant issuedAt) {

    public enum Action {
        SHED, CANCEL
    }

    public static String commandId(String eventId, long revision, String siteId) {
        return eventId + "#" + revision + "@" + siteId;
    }
}
