package io.gridflex.dispatch.event;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.dispatch.DispatchConfig;
import io.gridflex.support.web.ApiException;
import io.gridflex.support.web.ErrorBody;
import io.gridflex.support.web.RequestParams;
import io.smallrye.common.annotation.Blocking;

@Path("/api/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events")
public class EventResource {

    private final EventService events;
    private final DispatchConfig.Events config;

    public EventResource(EventService events, DispatchConfig config) {
        this.events = events;
        this.config = config.events();
    }

    @GET
    @Blocking
    @Operation(summary = "Recent events", description = "Most recently handled first, with the totals of each "
            + "event's latest allocation and its shortfall.")
    @APIResponse(responseCode = "200", description = "The events")
    @APIResponse(responseCode = "400", description = "limit is not a whole number in range", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public List<EventSummary> recent(
            @Parameter(description = "How many events, 1 to gridflex.dispatch.events.list-max") @QueryParam("limit") String limit) {
        return events.recent(RequestParams.limit(limit, config.listDefault(), config.listMax()));
    }

    // Event ids are <vtnId>/<vtnEventId>, so the id takes the rest of the path, slash included.
    @GET
    @Path("{eventId: .+}")
    @Blocking
    @Operation(summary = "One event", description = "The event, every command issued for it, and per site the "
            + "latest command and the latest ack.")
    @APIResponse(responseCode = "200", description = "The event")
    @APIResponse(responseCode = "400", description = "Malformed event id", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such event", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public EventDetail detail(@PathParam("eventId") String eventId) {
        String id = RequestParams.id("eventId", eventId);
        return events.detail(id)
                .orElseThrow(() -> ApiException.notFound("unknown-event", "no event " + id));
    }
}
