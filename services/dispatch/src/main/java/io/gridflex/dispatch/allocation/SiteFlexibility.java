package io.gridflex.dispatch.allocation;

import java.util.Objects;

/**
 * What one site can shed right now, as its agent last reported it.
 *
 * @param siteId the site
 * @param sheddableKw draw of the miners the site could stop, in kW; the site's weight in an allocation and its cap
 */
public record SiteFlexibility(String siteId, double sheddableKw) {

    public SiteFlexibility {
        Objects.requireNonNull(siteId, "siteId");
    }
}
