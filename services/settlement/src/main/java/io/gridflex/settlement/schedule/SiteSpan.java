package io.gridflex.settlement.schedule;

import io.gridflex.settlement.baseline.TimeWindow;

/**
 * The time a site's schedules ever gave an event a contribution: from the earliest start to the latest end of any
 * segment, of any revision, that held one. What governed inside it is for {@link EffectiveSchedule} to say.
 *
 * @param siteId the site
 * @param span the earliest segment start to the latest segment end
 */
public record SiteSpan(String siteId, TimeWindow span) {
}
