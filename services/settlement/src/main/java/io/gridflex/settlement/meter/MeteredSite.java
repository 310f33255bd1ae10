package io.gridflex.settlement.meter;

/**
 * A site settlement holds metered intervals of, and what else it knows of it.
 *
 * @param scheduled dispatch has issued the site at least one schedule
 * @param contracted billing has stored an owner contract for it
 * @param known scheduled or contracted; an unknown site's readings are kept but nothing ever settles them (statements
 *        cover the sites that schedules name), so one usually means a mistyped id or an agent not yet registered
 */
public record MeteredSite(String siteId, boolean scheduled, boolean contracted, boolean known) {
}
