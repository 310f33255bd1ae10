package io.gridflex.dispatch.site;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;

@Path("/api/sites")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sites")
public class SiteResource {

    private final SiteService sites;

    public SiteResource(SiteService sites) {
        this.sites = sites;
    }

    @GET
    @Blocking
    @Operation(summary = "The site registry", description = "Every site that has sent telemetry, with its latest "
            + "flexibility and whether it is fresh enough to take a share of new events.")
    public List<SiteView> list() {
        return sites.list();
    }
}
