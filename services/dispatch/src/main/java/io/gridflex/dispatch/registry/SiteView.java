package io.gridflex.dispatch.registry;

import io.gridflex.dispatch.live.LiveState;

/**
 * A registered site with what its agent last reported.
 *
 * @param site as registered
 * @param live its latest report, or null if it never reported
 * @param fresh whether the report is recent enough for the site to take a share of an allocation
 * @param ageSeconds how old the report is, or null without one
 */
public record SiteView(Site site, LiveState live, boolean fresh, Long ageSeconds) {
}
