package io.gridflex.settlement.meter;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.settlement.api.Ids;
import io.gridflex.settlement.api.Roles;
import io.gridflex.support.web.ApiException;
import io.gridflex.support.web.RequestParams;

@Path("/api/sites")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR, Roles.OPERATOR})
@Tag(name = "Metering")
public class MeteredSiteResource {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final MeteredSites sites;

    public MeteredSiteResource(MeteredSites sites) {
        this.sites = sites;
    }

    @GET
    @Operation(summary = "The sites with metered intervals, in id order, and whether settlement knows them", description = "A site is known once dispatch has scheduled it or billing has stored its contract. An "
            + "unknown site's readings are kept, never settled: statements cover the sites schedules name.")
    @APIResponse(responseCode = "200", description = "A page of sites; ask for the next with after=<last siteId>")
    @APIResponse(responseCode = "400", description = "Malformed after, unknown or limit")
    public List<MeteredSite> list(
            @Parameter(description = "Only sites after this id (the last of the previous page)") @QueryParam("after") String after,
            @Parameter(description = "true for the unknown sites only") @QueryParam("unknown") String unknown,
            @Parameter(description = "Sites per page, 1 to 1000; 100 when absent") @QueryParam("limit") String limit) {
        String from = after == null ? null : Ids.check("after", after);
        if (unknown != null && !unknown.equals("true") && !unknown.equals("false")) {
            throw ApiException.badRequest("invalid-query", "unknown must be true or false, not '" + unknown + "'");
        }
        return sites.list(from, "true".equals(unknown), RequestParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }
}
