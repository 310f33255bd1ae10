package io.gridflex.dispatch.allocation;

/**
 * The part of a request given to one site, in tenths of a kW so that shares add up exactly.
 *
 * @param siteId the site
 * @param deciKw the share in units of 0.1 kW
 */
public record SiteShare(String siteId, long deciKw) {

    public double kw() {
        return DeciKw.toKw(deciKw);
    }
}
