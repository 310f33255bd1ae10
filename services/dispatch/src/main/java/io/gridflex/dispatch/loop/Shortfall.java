package io.gridflex.dispatch.loop;

/**
 * A site delivering less than it is asked.
 *
 * @param siteId the site
 * @param targetDeciKw what it is asked, in tenths of a kW
 * @param deliveredDeciKw what it reports holding off (nothing when it is silent)
 * @param why for people
 */
public record Shortfall(String siteId, long targetDeciKw, long deliveredDeciKw, String why) {
}
