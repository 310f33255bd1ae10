package io.gridflex.dispatch.operator;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
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

import io.gridflex.support.audit.Actors;
import io.gridflex.support.security.PlatformRoles;
import io.gridflex.support.web.ErrorBody;
import io.gridflex.support.web.RequestParams;
import io.smallrye.common.annotation.Blocking;

/** Overrides of one site; listing and clearing them is in {@link OperatorResource}. */
@Path("/api/sites/{siteId}/overrides")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator actions")
@RolesAllowed(PlatformRoles.OPERATOR)
public class SiteOverrideResource {

    private final OverrideService overrides;
    private final Actors actors;

    public SiteOverrideResource(OverrideService overrides, Actors actors) {
        this.overrides = overrides;
        this.actors = actors;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Override a site until a time", description = "SHED holds kW off (everything when no kW), "
            + "HOLD sheds nothing, LIMIT caps what it sheds. Events at the site are re-allocated at once.")
    @APIResponse(responseCode = "201", description = "In force")
    @APIResponse(responseCode = "400", description = "Invalid override", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such site", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response override(@PathParam("siteId") String siteId, OverrideRequest request) {
        SiteOverride override = overrides.create(RequestParams.id("siteId", siteId), request, actors.current());
        return Response.created(URI.create("/api/overrides/" + override.overrideId())).entity(override).build();
    }
}
