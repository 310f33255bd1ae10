package io.gridflex.minersim.service;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where the simulated miners are and what they draw. */
@Path("/api/fleets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fleets", description = "Simulated miner fleets, one per site")
public class FleetResource {

    private static final Pattern SITE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final FleetRegistry registry;

    public FleetResource(FleetRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(summary = "Every simulated site with the API endpoint of each of its miners")
    public List<FleetViews.FleetSummary> list() {
        return registry.fleets().stream().map(FleetViews::summary).toList();
    }

    @GET
    @Path("/{siteId}")
    @Operation(summary = "One site's miners with state, draw and exact energy, plus site totals")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = FleetViews.FleetDetail.class)))
    @APIResponse(responseCode = "400", description = "Malformed site id", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No fleet for that site", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response get(@PathParam("siteId") String siteId) {
        if (!SITE_ID.matcher(siteId).matches()) {
            return error(Response.Status.BAD_REQUEST, "invalid-site-id",
                    "a site id is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return registry.fleet(siteId)
                .map(fleet -> Response.ok(FleetViews.detail(fleet)).build())
                .orElseGet(() -> error(Response.Status.NOT_FOUND, "unknown-site",
                        "no simulated fleet for site '" + siteId + "'"));
    }

    private static Response error(Response.Status status, String error, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(error, detail)).build();
    }
}
