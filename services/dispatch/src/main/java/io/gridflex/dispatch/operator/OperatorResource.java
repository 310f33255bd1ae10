package io.gridflex.dispatch.operator;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.dispatch.event.StoredEvent;
import io.gridflex.support.audit.Actors;
import io.gridflex.support.security.PlatformRoles;
import io.gridflex.support.web.ApiException;
import io.gridflex.support.web.ErrorBody;
import io.gridflex.support.web.RequestParams;
import io.smallrye.common.annotation.Blocking;

/** What operators do to the fleet: manual test events, per-site overrides, the emergency shed-all and restore-all. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator actions")
@RolesAllowed(PlatformRoles.OPERATOR)
public class OperatorResource {

    private final ManualEvents manualEvents;
    private final OverrideService overrides;
    private final Actors actors;

    public OperatorResource(ManualEvents manualEvents, OverrideService overrides, Actors actors) {
        this.manualEvents = manualEvents;
        this.overrides = overrides;
        this.actors = actors;
    }

    @POST
    @Path("manual-events")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a manual test event", description = "The fleet (a program's sites, or the sites "
            + "named) really sheds, through the same schedules as a utility's event; it is never billed.")
    @APIResponse(responseCode = "201", description = "Created and allocated")
    @APIResponse(responseCode = "400", description = "Invalid request; detail names every problem", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response manualEvent(ManualEventRequest request) {
        if (request == null) {
            throw ApiException.badRequest("invalid-json", "a JSON body is required");
        }
        StoredEvent event = manualEvents.create(request, actors.current());
        return Response.created(URI.create("/api/events/" + event.eventId())).entity(event).build();
    }

    @POST
    @Path("manual-events/{eventId: .+}/cancel")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a manual test event", description = "Its sites restore; utility events are "
            + "cancelled by their VTN only.")
    @APIResponse(responseCode = "409", description = "Not a manual event", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public StoredEvent cancelManualEvent(@PathParam("eventId") String eventId, Reason reason) {
        return manualEvents.cancel(RequestParams.id("eventId", eventId), reason == null ? null : reason.reason(),
                actors.current());
    }

    @GET
    @Path("overrides")
    @Blocking
    @RolesAllowed({PlatformRoles.OPERATOR, PlatformRoles.AUDITOR})
    @Operation(summary = "Overrides", description = "Newest first; only those in force unless all=true.")
    public List<SiteOverride> overrides(@QueryParam("all") boolean all) {
        return overrides.list(!all);
    }

    @DELETE
    @Path("overrides/{overrideId}")
    @Blocking
    @Operation(summary = "Clear an override before it expires")
    @APIResponse(responseCode = "404", description = "No such override in force", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public SiteOverride clear(@PathParam("overrideId") String overrideId) {
        try {
            return overrides.clear(Long.parseLong(overrideId), actors.current());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("malformed-overrideId", "overrideId is a whole number");
        }
    }

    @POST
    @Path("fleet/shed-all")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Emergency: every active site sheds all it can until a time", description = "A SHED "
            + "override on every active site.")
    public List<SiteOverride> shedAll(Emergency emergency) {
        return overrides.everySite(new OverrideRequest(OverrideKind.SHED, null, body(emergency).until(),
                emergency.reason()), actors.current());
    }

    @POST
    @Path("fleet/restore-all")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Emergency: every active site restores and sheds nothing until a time", description = "A "
            + "HOLD override on every active site; SHED overrides in force are cleared. Events fall short meanwhile, "
            + "and ven-gateway is told.")
    public List<SiteOverride> restoreAll(Emergency emergency) {
        return overrides.everySite(new OverrideRequest(OverrideKind.HOLD, null, body(emergency).until(),
                emergency.reason()), actors.current());
    }

    private static Emergency body(Emergency emergency) {
        if (emergency == null) {
            throw ApiException.badRequest("invalid-json", "a JSON body with until and reason is required");
        }
        return emergency;
    }

    /** @param reason why */
    public record Reason(String reason) {
    }

    /**
     * @param until when it expires
     * @param reason why
     */
    public record Emergency(java.time.Instant until, String reason) {
    }
}
