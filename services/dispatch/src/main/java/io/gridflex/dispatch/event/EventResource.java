package io.gridflex.dispatch.event;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
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
import io.gridflex.dispatch.timeline.TimelineEntry;
import io.gridflex.messages.DispatchStatus.State;
import io.gridflex.support.security.PlatformRoles;
import io.gridflex.support.web.ApiException;
import io.gridflex.support.web.ErrorBody;
import io.gridflex.support.web.RequestParams;
import io.smallrye.common.annotation.Blocking;

@Path("/api/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events")
@RolesAllowed({PlatformRoles.OPERATOR, PlatformRoles.AUDITOR})
public class EventResource {

    private final EventQueries events;
    private final DispatchConfig.Events config;

    public EventResource(EventQueries events, DispatchConfig config) {
        this.events = events;
        this.config = config.events();
    }

    @GET
    @Blocking
    @Operation(summary = "Recent events", description = "Most recently changed first, with each event's lifecycle "
            + "state and the totals of its latest allocation.")
    @APIResponse(responseCode = "400", description = "limit, state or program malformed", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public List<StoredEvent> recent(
            @Parameter(description = "How many events, 1 to gridflex.dispatch.events.list-max") @QueryParam("limit") String limit,
            @Parameter(description = "Only events in this state") @QueryParam("state") String state,
            @Parameter(description = "Only events of this program") @QueryParam("program") String program) {
        return events.recent(RequestParams.limit(limit, config.listDefault(), config.listMax()), state(state),
                program == null || program.isBlank() ? null : RequestParams.id("program", program));
    }

    // Event ids are <vtnId>/<vtnEventId>, so the id takes the rest of the path, slash included.
    @GET
    @Path("{eventId: .+}/timeline")
    @Blocking
    @Operation(summary = "One event's timeline", description = "What arrived, what was allocated, what each site "
            + "acknowledged, every state it went through and what was delivered, oldest first.")
    @APIResponse(responseCode = "404", description = "No such event", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public List<TimelineEntry> timeline(@PathParam("eventId") String eventId) {
        String id = RequestParams.id("eventId", eventId);
        return events.timeline(id).orElseThrow(() -> unknown(id));
    }

    @GET
    @Path("{eventId: .+}")
    @Blocking
    @Operation(summary = "One event", description = "The event, its revisions, and per site what it asks (past "
            + "pieces included) and the site's latest report.")
    @APIResponse(responseCode = "400", description = "Malformed event id", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such event", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public EventDetail detail(@PathParam("eventId") String eventId) {
        String id = RequestParams.id("eventId", eventId);
        return events.detail(id).orElseThrow(() -> unknown(id));
    }

    static ApiException unknown(String eventId) {
        return ApiException.notFound("unknown-event", "no event " + eventId);
    }

    private static State state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return State.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed-state", "state must be one of " + List.of(State.values()));
        }
    }
}
